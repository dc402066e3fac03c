import type { Kysely } from 'kysely';
import { APPROVAL_NEEDS, DEFAULT_POLICIES, type CaseClock, type ClockPolicy } from '../../domain/clocks';
import type { DepartmentCode } from '../../domain/departments';
import type { NeedCode } from '../../domain/needs';
import type { Database, TimeLimitTable } from '../schema';

export interface CasePolicies {
  case: Partial<Record<CaseClock, ClockPolicy>>;
  referrals: Partial<Record<DepartmentCode, ClockPolicy>>;
}

function policyOf(row: Pick<TimeLimitTable, 'unit' | 'amount' | 'warn_before' | 'escalate_every_hours' | 'escalate_to' | 'clock'>): ClockPolicy {
  return {
    length: { unit: row.unit, amount: row.amount },
    warnBefore: row.warn_before,
    escalateEveryHours: row.escalate_every_hours,
    escalateTo: row.escalate_to ?? DEFAULT_POLICIES[row.clock].escalateTo,
  };
}

/** The county's time limits that apply to a case of `township` with `needs` (the strictest when several apply). */
export async function policiesForCase(db: Kysely<Database>, township: string, needs: readonly NeedCode[], departments: readonly DepartmentCode[], emergency: boolean): Promise<CasePolicies> {
  const rows = await db
    .selectFrom('time_limits')
    .innerJoin('townships', 'townships.county_code', 'time_limits.county_code')
    .select(['time_limits.clock', 'time_limits.programme', 'time_limits.unit', 'time_limits.amount', 'time_limits.warn_before', 'time_limits.escalate_every_hours', 'time_limits.escalate_to'])
    .where('townships.code', '=', township)
    .execute();
  const find = (clock: TimeLimitTable['clock'], programme: string) => {
    const row = rows.find((r) => r.clock === clock && r.programme === programme);
    return row ? policyOf(row) : DEFAULT_POLICIES[clock];
  };
  const approvals = needs.filter((need) => APPROVAL_NEEDS.includes(need)).map((need) => find('approval', need));
  const result: CasePolicies = { case: {}, referrals: {} };
  if (approvals.length > 0) result.case.approval = approvals.reduce((a, b) => (b.length.amount < a.length.amount ? b : a));
  if (emergency) {
    result.case.emergency_aid = find('emergency_aid', '*');
    result.case.emergency_paperwork = find('emergency_paperwork', '*');
  }
  for (const department of departments) result.referrals[department] = find('referral', department);
  return result;
}

export async function listTimeLimits(db: Kysely<Database>, county: string) {
  return db.selectFrom('time_limits').selectAll().where('county_code', '=', county).orderBy('clock').orderBy('programme').execute();
}
