import type { Kysely } from 'kysely';
import { clockTimes, type CaseClock, type ClockPolicy } from '../domain/clocks';
import type { DepartmentCode } from '../domain/departments';
import type { NeedCode } from '../domain/needs';
import { routeNeeds } from '../domain/routing';
import { loadWorkingCalendar } from '../db/repositories/calendar';
import { policiesForCase, type CasePolicies } from '../db/repositories/timeLimits';
import type { Database } from '../db/schema';

export interface DeadlinePlan {
  policies: CasePolicies;
  referrals: Array<{ department: DepartmentCode; dueAt: Date; provisional: boolean }>;
  clocks: Array<{ clock: CaseClock; dueAt: Date; provisional: boolean }>;
}

/**
 * Every time limit a case gets at acceptance, from the county's settings and the working calendar: the same
 * computation the workflow's clocks make, so that the window can tell the applicant every deadline at once.
 */
export async function planDeadlines(db: Kysely<Database>, c: { township: string; needs: NeedCode[]; emergency: boolean; acceptedAt: Date }): Promise<DeadlinePlan> {
  const departments = routeNeeds(c.needs);
  const [policies, calendar] = await Promise.all([policiesForCase(db, c.township, c.needs, departments, c.emergency), loadWorkingCalendar(db)]);
  const times = (policy: ClockPolicy) => {
    const { dueAt, provisional } = clockTimes(c.acceptedAt, policy.length, policy.warnBefore, calendar);
    return { dueAt, provisional };
  };
  return {
    policies,
    referrals: departments.map((department) => ({ department, ...times(policies.referrals[department]!) })),
    clocks: (['emergency_aid', 'approval'] as const).flatMap((clock) => (policies.case[clock] ? [{ clock, ...times(policies.case[clock]) }] : [])),
  };
}
