import { leadsWithoutWorkflow } from '../db/repositories/leads';
import { casesWithoutWorkflow } from '../db/repositories/workflowBinding';
import type { ApiDeps } from './deps';
import { ensureCaseWorkflow } from './intake';
import { ensureLeadWorkflow, leadWorkflowInput } from './leadWorkflows';

type Deps = Pick<ApiDeps, 'db' | 'temporal' | 'taskQueue' | 'logger' | 'workflowAnswerMs'>;

/**
 * One pass of the reconciler: starts the workflow of every case committed (and of every open lead recorded) at least
 * `minAgeMs` ago whose workflow is not known to run (intake commits the case first; a failed start, or a process killed between the commit
 * and the start, leaves it without one). Starting is idempotent and proves the workflow is the case's own.
 */
export async function startMissingWorkflows(deps: Deps, { minAgeMs = 2_000, limit = 200 } = {}): Promise<{ started: number; failed: number }> {
  let started = 0;
  let failed = 0;
  for (const caseNo of await casesWithoutWorkflow(deps.db, minAgeMs, limit)) {
    try {
      await ensureCaseWorkflow(deps, caseNo);
      started += 1;
    } catch (err) {
      failed += 1;
      deps.logger.warn({ caseNo, code: (err as { code?: string }).code }, 'the workflow of a committed case could not be started; the next pass retries');
    }
  }
  for (const lead of await leadsWithoutWorkflow(deps.db, minAgeMs, limit)) {
    try {
      await ensureLeadWorkflow(deps, leadWorkflowInput(lead));
      started += 1;
    } catch (err) {
      failed += 1;
      deps.logger.warn({ leadId: lead.id, err: String(err) }, 'the workflow of a recorded lead could not be started; the next pass retries');
    }
  }
  return { started, failed };
}

/** Runs a pass every `everyMs` until the returned function is called (it waits for a pass under way). */
export function runWorkflowReconciler(deps: Deps, everyMs = 5_000): () => Promise<void> {
  let stopped = false;
  let pass: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const schedule = () => {
    timer = setTimeout(() => {
      pass = startMissingWorkflows(deps)
        .then(({ started, failed }) => (started || failed) && deps.logger.info({ started, failed }, 'reconciler started missing case workflows'))
        .catch((err: unknown) => deps.logger.warn({ err: String(err) }, 'reconciler pass failed; the next one retries'))
        .finally(() => !stopped && schedule());
    }, everyMs);
  };
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await pass;
  };
}
