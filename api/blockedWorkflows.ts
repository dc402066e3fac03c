import './schemas'; // zod's .openapi(), before any schema here is made
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { Blocked, CaseNo, Stage, Township } from '../workflows/searchAttributes';
import { MAX_PAGE_SIZE } from './pagination';
import { withinWorkflowDeadline } from './workflowDeadline';

/**
 * Workflows that cannot get past a step (issue 16): running, with the search attribute `Blocked` set — a step
 * that exhausted its retries (`recordClock`) or a failed referral child (`referral:education`). They live in
 * Temporal's visibility, not in PostgreSQL (a step blocked on the database could not have written there).
 */
export const BlockedListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ description: `at most this many, newest first; at most ${MAX_PAGE_SIZE}` }),
});

export const BlockedWorkflow = z
  .object({
    workflowId: z.string(),
    workflowType: z.string(),
    caseNo: z.string().nullable(),
    township: z.string(),
    blocked: z.array(z.string()).openapi({ description: 'the step(s) it cannot get past: an activity name, or referral:<department>' }),
    stage: z.string().nullable(),
    startedAt: z.string(),
    temporalUiPath: z.string().openapi({ description: 'the workflow in the Temporal Web UI, relative to its address: /namespaces/<namespace>/workflows/<workflowId>' }),
  })
  .openapi('BlockedWorkflow');

export const BlockedList = z.object({
  items: z.array(BlockedWorkflow),
  truncated: z.boolean().openapi({ description: 'true when more workflows are blocked than limit' }),
});

const quoted = (code: string) => `"${code.replace(/[\\"]/g, '')}"`;

/** The visibility query: running, blocked, in one of `townships` (codes from PostgreSQL, digits only). */
export const blockedQuery = (townships: readonly string[]) =>
  `ExecutionStatus="Running" AND Blocked IS NOT NULL AND Township IN (${townships.map(quoted).join(',')})`;

/** Up to `limit` blocked workflows of `townships`, read within the API's workflow deadline. */
export async function blockedWorkflows(temporal: Client, answerMs: number, townships: readonly string[], limit: number): Promise<z.infer<typeof BlockedList>> {
  if (townships.length === 0) return { items: [], truncated: false };
  const namespace = encodeURIComponent(temporal.options.namespace);
  return withinWorkflowDeadline(temporal, answerMs, async () => {
    const items: Array<z.infer<typeof BlockedWorkflow>> = [];
    for await (const wf of temporal.workflow.list({ query: blockedQuery(townships), pageSize: limit + 1 })) {
      if (items.length === limit) return { items, truncated: true };
      const attrs = wf.typedSearchAttributes;
      items.push({
        workflowId: wf.workflowId,
        workflowType: wf.type,
        caseNo: attrs.get(CaseNo) ?? null,
        township: attrs.get(Township) ?? '',
        blocked: attrs.get(Blocked) ?? [],
        stage: attrs.get(Stage) ?? null,
        startedAt: wf.startTime.toISOString(),
        temporalUiPath: `/namespaces/${namespace}/workflows/${encodeURIComponent(wf.workflowId)}`,
      });
    }
    return { items, truncated: false };
  });
}
