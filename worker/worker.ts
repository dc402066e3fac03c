import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities, type Activities } from '../activities';
import type { Database } from '../db/schema';

/**
 * How many workflows a worker keeps in memory (sticky cache). Open cases wait days on timers and are touched
 * rarely; one that was evicted is replayed from its short history when its next task comes. A fixed size keeps
 * the worker's memory bounded however many cases are open (the SDK's default grows with the heap limit, about
 * 600 per GB): ~1 MB per cached workflow at most, so 1 000 fit in a 1 GB container beside the activities.
 * See BENCHMARKS.md for the measurement.
 */
export const WORKFLOW_CACHE_SIZE = 1000;

/** The workflow bundle: every workflow type, and the interceptors that explain them in the Web UI. */
export const WORKFLOW_BUNDLE_OPTIONS = {
  workflowsPath: require.resolve('../workflows'),
  workflowInterceptorModules: [require.resolve('../workflows/uiInterceptors')],
};

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Kysely<Database>;
  /** Encrypts every payload (temporal/payloadCodec.ts): the same as the clients'. */
  dataConverter: WorkerOptions['dataConverter'];
  /** A prebuilt bundle (tests build one once per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The activities (default: `createActivities({ db })`); a test may wrap one to hold it while it runs. */
  activities?: Activities;
  /** How long a shutdown (SIGTERM) lets running activities finish before cancelling them. */
  shutdownGraceMs?: number;
}

export function createWorker({ connection, namespace, taskQueue, db, dataConverter, workflowBundle, shutdownGraceMs = 20_000, activities = createActivities({ db }) }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    dataConverter,
    activities,
    maxCachedWorkflows: WORKFLOW_CACHE_SIZE,
    shutdownGraceTime: shutdownGraceMs,
    ...(workflowBundle
      ? { workflowBundle }
      : { workflowsPath: WORKFLOW_BUNDLE_OPTIONS.workflowsPath, interceptors: { workflowModules: WORKFLOW_BUNDLE_OPTIONS.workflowInterceptorModules } }),
  });
}
