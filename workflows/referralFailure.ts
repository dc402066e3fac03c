import { ChildWorkflowFailure, log, upsertSearchAttributes } from '@temporalio/workflow';
import type { DepartmentCode } from '../domain/departments';
import { activities } from './activities';
import { Blocked } from './searchAttributes';

/**
 * A referral's workflow failed (terminated by hand, timed out, a bug): the department's part cannot go on by
 * itself. The case neither fails nor forgets the department: it stays waiting for it, visibly — `Blocked` in the
 * Temporal UI, `referral_failed` in its timeline — for an administrator to mend. Other errors are rethrown.
 */
export async function referralFailed(caseNo: string, department: DepartmentCode, err: unknown): Promise<undefined> {
  if (!(err instanceof ChildWorkflowFailure)) throw err;
  // The kind only (TerminatedFailure, TimeoutFailure, ApplicationFailure): a termination's reason is free text.
  const failure = err.cause?.name ?? 'unknown';
  log.error('referral workflow failed', { caseNo, department, failure });
  upsertSearchAttributes([{ key: Blocked, value: [`referral:${department}`] }]);
  await activities.recordReferralFailed({ caseNo, department, failure, at: new Date().toISOString() });
  return undefined;
}
