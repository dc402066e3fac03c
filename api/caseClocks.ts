import type { Kysely } from 'kysely';
import { findCase } from '../db/repositories/cases';
import { policiesForCase } from '../db/repositories/timeLimits';
import type { Database } from '../db/schema';
import { CASE_CLOCKS, type CaseClock, type ClockId, type ClockPolicy } from '../domain/clocks';
import type { DepartmentCode } from '../domain/departments';
import { routeNeeds } from '../domain/routing';
import { notFound } from './errors';

/**
 * The policy of one of a case's clocks — its unit above all — or 404 when the case has no such clock (a
 * referral to a department it was never sent to, emergency clocks of a case without an emergency).
 */
export async function clockOfCase(db: Kysely<Database>, caseNo: string, clock: ClockId): Promise<ClockPolicy> {
  const found = await findCase(db, caseNo);
  if (!found) throw notFound(`案件 ${caseNo}`);
  const departments = routeNeeds(found.needs);
  const policies = await policiesForCase(db, found.township_code, found.needs, departments, found.emergency !== null);
  const policy = clock.startsWith('referral:')
    ? policies.referrals[clock.slice('referral:'.length) as DepartmentCode]
    : CASE_CLOCKS.includes(clock as CaseClock)
      ? policies.case[clock as CaseClock]
      : undefined;
  if (!policy) throw notFound(`时限 ${clock}`);
  return policy;
}
