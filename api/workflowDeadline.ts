import type { Client } from '@temporalio/client';
import { HttpError } from './errors';

/** How long an API call waits on Temporal before it answers 504 (`WORKFLOW_ANSWER_SECONDS`, default 10). */
export const DEFAULT_WORKFLOW_ANSWER_MS = 10_000;

export const workflowTimeout = () =>
  new HttpError(
    504,
    'workflow_timeout',
    '流程未能及时响应：操作可能稍后生效，请先查看案件再决定是否重试 (the workflow did not answer in time; the action may still take effect, so check the case before retrying)',
    [],
    { 'Retry-After': '5' },
  );

/**
 * Runs `work` (calls to Temporal) for at most `ms`: then its gRPC calls are aborted and the caller gets a 504,
 * whatever the workflow does (a stuck activity, no worker, an overloaded frontend). Every place the API awaits
 * Temporal goes through here, so that no request hangs.
 */
export async function withinWorkflowDeadline<T>(temporal: Client, ms: number, work: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(workflowTimeout());
    }, ms);
  });
  const running = temporal.withAbortSignal(controller.signal, work);
  running.catch(() => undefined); // its rejection after the deadline is expected and already answered
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}
