import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { findReferral } from '../db/repositories/referrals';
import { ENDED_STAGES, type CaseStage, type ReferralStatus } from '../domain/stages';
import { referralWorkflowId } from '../workflows/messages';
import { assertWorkflowOfCaseNo } from './caseWorkflowBinding';
import type { ApiDeps } from './deps';
import { HttpError } from './errors';
import { withinWorkflowDeadline } from './workflowDeadline';
import { refusal } from './workflowUpdates';

/** 409 answers of the referral loop, the same whether the database or the workflow noticed first. */
const ENDED: Partial<Record<ReferralStatus, [string, string]>> = {
  cancelled: ['case_closed', '案件已撤回或终止 (the case was withdrawn or terminated)'],
  referred_on: ['referral_referred_on', '该转办事项已转介其他部门 (this referral was referred on)'],
  completed: ['referral_already_completed', '该转办事项已办结 (this referral is already completed)'],
};

/** Refuses an action on a referral that has ended (completed, referred on, cancelled with its case) or whose case has. */
export function refuseUnlessWorking(status: ReferralStatus, caseStage?: CaseStage): void {
  const ended = ENDED[status] ?? (caseStage && ENDED_STAGES.includes(caseStage) ? ENDED.cancelled : undefined);
  if (ended) throw new HttpError(409, ...ended);
}

type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

/**
 * Sends a step of the referral loop to the referral's workflow as an Update: a refusal is 409 with the
 * workflow's reason; a workflow not (yet, or no longer) there is 409 when the referral has ended, else 503.
 */
export async function sendReferralUpdate<Ret, Arg>(
  deps: Pick<ApiDeps, 'db' | 'temporal' | 'logger' | 'workflowAnswerMs'>,
  referral: ReferralRow & { stage: CaseStage },
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  const { db, temporal, workflowAnswerMs } = deps;
  refuseUnlessWorking(referral.status, referral.stage);
  const workflowId = referralWorkflowId(referral.case_no, referral.department_code);
  await assertWorkflowOfCaseNo(deps, referral.case_no, workflowId);
  try {
    return await withinWorkflowDeadline(temporal, workflowAnswerMs, () => temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg] }));
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw refusal(err);
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    refuseUnlessWorking((await findReferral(db, referral.id))!.status);
    throw new HttpError(503, 'referral_not_ready', '转办事项正在启动，请稍后重试 (the referral is still starting; retry shortly)', [], { 'Retry-After': '1' });
  }
}
