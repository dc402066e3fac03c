import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { HttpError } from './errors';
import { withinWorkflowDeadline } from './workflowDeadline';

/**
 * Sends a human action to a workflow as an Update, waiting at most `answerMs` (then 504). A refusal by the
 * workflow's validator answers 409 with the workflow's own reason and code; a workflow that has finished answers 409 too.
 */
export async function sendUpdate<Ret, Arg>(temporal: Client, answerMs: number, workflowId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  try {
    return await withinWorkflowDeadline(temporal, answerMs, () => temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg] }));
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw refusal(err);
    if (err instanceof WorkflowNotFoundError) throw new HttpError(409, 'case_closed', '案件流程已结束 (this case has finished)');
    throw err;
  }
}

/** The workflow validator's refusal: 409 with its own code and bilingual reason. */
export function refusal(err: WorkflowUpdateFailedError): HttpError {
  const cause = err.cause as { type?: string; message?: string } | undefined;
  return new HttpError(409, cause?.type ?? 'refused', cause?.message ?? '操作被拒绝 (refused)');
}
