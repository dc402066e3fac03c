import { WorkflowNotFoundError } from '@temporalio/client';
import { caseWorkflowKey } from '../db/repositories/workflowBinding';
import type { ApiDeps } from './deps';
import { HttpError } from './errors';
import { withinWorkflowDeadline } from './workflowDeadline';

/** Workflows already proven to be their case's (workflow ID → case key): each is described once per process. */
const proven = new Map<string, string>();
const MAX_PROVEN = 10_000;

/**
 * Proves that the workflow `workflowId` belongs to the case whose key is `caseKey` (its memo `caseKey`): a case
 * number that repeats (a database re-created beside a kept Temporal cluster, a restore, a shared namespace)
 * must never bind a new case to an old case's workflow. A workflow that does not exist yet passes (the caller
 * answers for that). A mismatch is a 503 `workflow_of_another_case`, logged for the administrators.
 */
export async function assertWorkflowOfCase({ temporal, logger, workflowAnswerMs }: Pick<ApiDeps, 'temporal' | 'logger' | 'workflowAnswerMs'>, workflowId: string, caseKey: string): Promise<void> {
  if (proven.get(workflowId) === caseKey) return;
  let found: unknown;
  try {
    found = (await withinWorkflowDeadline(temporal, workflowAnswerMs, () => temporal.workflow.getHandle(workflowId).describe())).memo?.caseKey;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return;
    throw err;
  }
  if (found !== caseKey) {
    logger.error({ workflowId, event: 'workflow_of_another_case' }, 'a workflow with this case number belongs to another case (database and Temporal namespace do not belong together?)');
    throw new HttpError(
      503,
      'workflow_of_another_case',
      `流程 ${workflowId} 属于另一个同编号的案件（数据库与 Temporal 命名空间不匹配），请联系管理员 (workflow ${workflowId} belongs to another case with the same number: the database and the Temporal namespace do not belong together; tell an administrator)`,
    );
  }
  if (proven.size >= MAX_PROVEN) proven.clear();
  proven.set(workflowId, caseKey);
}

/** The same proof for a workflow the API addresses by case number (decisions, completions, clock actions). */
export async function assertWorkflowOfCaseNo(deps: Pick<ApiDeps, 'db' | 'temporal' | 'logger' | 'workflowAnswerMs'>, caseNo: string, workflowId: string): Promise<void> {
  const key = await caseWorkflowKey(deps.db, caseNo);
  // null: opened before keys existed; its workflow carries none, so there is nothing to compare.
  if (key) await assertWorkflowOfCase(deps, workflowId, key);
}

