import { ApplicationFailure, allHandlersFinished, condition, log, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { activities } from './activities';
import { completeReferralUpdate, referralStateQuery, type ReferralResult, type ReferralState, type ReferralWorkflowInput } from './messages';
import { SlaState, Stage } from './searchAttributes';

/**
 * One department's part of a case (转办): waits until the department completes it, then reports the outcome
 * to the case. Started by `caseWorkflow` as a child with ID `case-<caseNo>-<department>`.
 */
export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralResult> {
  const state: ReferralState = { status: 'open' };
  let completing = false;

  setHandler(referralStateQuery, () => state);
  setHandler(
    completeReferralUpdate,
    async (completion) => {
      completing = true;
      const completedAt = new Date().toISOString();
      await activities.recordReferralCompleted({ caseNo: input.caseNo, department: input.department, completion, at: completedAt });
      state.status = 'completed';
      state.result = { department: input.department, outcome: completion.outcome, completedAt };
      return state.result;
    },
    {
      validator: (_completion) => {
        if (completing || state.status === 'completed') {
          throw ApplicationFailure.nonRetryable('该转办事项已办结 (this referral is already completed)', 'referral_already_completed');
        }
      },
    },
  );

  await activities.recordReferralSent({ caseNo: input.caseNo, department: input.department, dueAt: input.dueAt, at: new Date().toISOString() });
  await condition(() => state.result !== undefined);
  upsertSearchAttributes([
    { key: Stage, value: 'completed' },
    { key: SlaState, value: 'met' },
  ]);
  log.info('referral completed', { caseNo: input.caseNo, department: input.department, outcome: state.result!.outcome });
  await condition(allHandlersFinished);
  return state.result!;
}
