import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { assertWorkflowOfCaseNo } from './caseWorkflowBinding';
import type { ApiDeps } from './deps';
import { HttpError } from './errors';
import { withinWorkflowDeadline } from './workflowDeadline';

/** A workflow of the case `caseNo` (the case's own, or one of its referrals') that a human action goes to. */
export interface UpdateTarget {
  caseNo: string;
  workflowId: string;
}

/**
 * The "workflow not found" policy: what the API answers when the workflow is not (yet, or no longer) there —
 * the answer the workflow would have given, looked up in the database, or a 503 to retry.
 */
export type WhenWorkflowGone = () => HttpError | Promise<HttpError>;

/** The case's workflow has finished: nothing more can be done to it. */
export const caseHasFinished: WhenWorkflowGone = () => new HttpError(409, 'case_closed', '案件流程已结束 (this case has finished)');

/**
 * Sends a human action to a workflow of a case as an Update, once the workflow is proven to be that case's,
 * waiting at most the deployment's answer time (then 504). A refusal by the workflow's validator answers 409
 * with the workflow's own reason and code; a workflow that is not there answers what `whenGone` says.
 */
export async function sendUpdate<Ret, Arg>(
  deps: Pick<ApiDeps, 'db' | 'temporal' | 'logger' | 'workflowAnswerMs'>,
  { caseNo, workflowId }: UpdateTarget,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  whenGone: WhenWorkflowGone,
): Promise<Ret> {
  const { temporal, workflowAnswerMs } = deps;
  await assertWorkflowOfCaseNo(deps, caseNo, workflowId);
  try {
    return await withinWorkflowDeadline(temporal, workflowAnswerMs, () => temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg] }));
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw refusal(err);
    if (err instanceof WorkflowNotFoundError) throw await whenGone();
    throw err;
  }
}

/** The workflow validator's refusal: 409 with its own code and bilingual reason. */
function refusal(err: WorkflowUpdateFailedError): HttpError {
  const cause = err.cause as { type?: string; message?: string } | undefined;
  return new HttpError(409, cause?.type ?? 'refused', cause?.message ?? '操作被拒绝 (refused)');
}
