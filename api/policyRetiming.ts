import type { Kysely } from 'kysely';
import { openClocksUnder, type TimeLimitSetting } from '../db/repositories/settings';
import { policiesForCase, type CasePolicies } from '../db/repositories/timeLimits';
import type { Database } from '../db/schema';
import type { CaseClock, ClockId } from '../domain/clocks';
import type { DepartmentCode } from '../domain/departments';
import { routeNeeds } from '../domain/routing';
import { caseWorkflowId, policyChangedSignal, referralWorkflowId, type PolicyChange } from '../workflows/messages';
import type { ApiDeps } from './deps';

const REFERRAL = 'referral:';

/** The policy a clock of a case gets under the county's time limits now. */
function policyOf(policies: CasePolicies, clock: ClockId) {
  return clock.startsWith(REFERRAL) ? policies.referrals[clock.slice(REFERRAL.length) as DepartmentCode] : policies.case[clock as CaseClock];
}

/** Per workflow, the open clocks it owns under the changed limits and their new policies. */
async function changesByWorkflow(db: Kysely<Database>, county: string, limits: ReadonlyArray<Pick<TimeLimitSetting, 'clock' | 'programme'>>, settingsVersion: number): Promise<Map<string, PolicyChange>> {
  const clocks = await openClocksUnder(db, county, limits);
  // Cases of one township with the same needs get the same policies: computed once.
  const policies = new Map<string, Promise<CasePolicies>>();
  const changes = new Map<string, PolicyChange>();
  for (const c of clocks) {
    const key = JSON.stringify([c.township_code, c.needs, c.emergency]);
    if (!policies.has(key)) policies.set(key, policiesForCase(db, c.township_code, c.needs, routeNeeds(c.needs), c.emergency));
    const policy = policyOf(await policies.get(key)!, c.clock as ClockId);
    if (!policy) continue;
    const workflowId = c.clock.startsWith(REFERRAL) ? referralWorkflowId(c.case_no, c.clock.slice(REFERRAL.length) as DepartmentCode) : caseWorkflowId(c.case_no);
    const change = changes.get(workflowId) ?? { settingsVersion, clocks: [] };
    change.clocks.push({ clock: c.clock as ClockId, policy });
    changes.set(workflowId, change);
  }
  return changes;
}

/**
 * Tells every workflow with an open clock under the changed time limits to take its new policy, the way a
 * calendar change is delivered (a signal per workflow, found through PostgreSQL). Answers how many were told.
 */
export async function retimeOpenClocks({ db, temporal, logger }: Pick<ApiDeps, 'db' | 'temporal' | 'logger'>, county: string, limits: ReadonlyArray<Pick<TimeLimitSetting, 'clock' | 'programme'>>, settingsVersion: number): Promise<number> {
  const changes = await changesByWorkflow(db, county, limits, settingsVersion);
  const signalled = await Promise.allSettled([...changes].map(([id, change]) => temporal.workflow.getHandle(id).signal(policyChangedSignal, change)));
  const failed = signalled.filter((s) => s.status === 'rejected').length;
  if (failed > 0) logger.warn({ county, settingsVersion, failed }, 'some workflows could not be told of the new time limits (finished meanwhile?)');
  return changes.size - failed;
}
