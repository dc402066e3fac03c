import { ActivityFailure, log, proxyActivities, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { Blocked } from './searchAttributes';

/**
 * Transient failures (PostgreSQL restarting, a worker killed) are retried with backoff up to a ceiling of one
 * minute between attempts, 30 attempts (about 25 minutes); `InvalidData` (activities/failures.ts) is not retried.
 */
const proxied = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30, nonRetryableErrorTypes: ['InvalidData'] },
});

/** How long a workflow whose step failed waits, on a durable timer (no CPU), before it tries the step again. */
const BLOCKED_RETRY = '1 hour';

/**
 * The workflows' view of the activities: types only, never their code. A step that fails for good does not fail
 * the case (a legal deadline must keep running): the workflow shows itself blocked (`Blocked` = the step, for
 * the Temporal UI: `Blocked="recordClock"`), and tries again every hour until someone has mended the cause.
 */
export const activities = new Proxy({} as typeof proxied, {
  get: (_, name: string) => persevering(name, proxied[name as keyof Activities] as (...args: unknown[]) => Promise<unknown>),
});

function persevering(name: string, activity: (...args: unknown[]) => Promise<unknown>) {
  return async (...args: unknown[]): Promise<unknown> => {
    for (let blocked = false; ; blocked = true) {
      try {
        const result = await activity(...args);
        if (blocked) upsertSearchAttributes([{ key: Blocked, value: [] }]);
        return result;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.warn('a step failed for good; retrying in an hour', { activity: name, failure: err.cause?.message });
        upsertSearchAttributes([{ key: Blocked, value: [name] }]);
        await sleep(BLOCKED_RETRY);
      }
    }
  };
}
