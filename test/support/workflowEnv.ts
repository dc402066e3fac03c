import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities } from '../../activities';
import type { Database } from '../../db/schema';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { SEARCH_ATTRIBUTES } from '../../workflows/searchAttributes';
import { temporalTestServer } from '../../scripts/temporalBinaries';
import { encryptingDataConverter } from '../../temporal/payloadCodec';
import { testPayloadKeys } from './piiKeys';

/** A time-skipping test server for one test file, with the custom search attributes registered. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: temporalTestServer() },
    client: { dataConverter: encryptingDataConverter(testPayloadKeys()) },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
  });
  return env;
}

/**
 * A worker with the real activities, on a task queue of its own unless one is given. `cache: false` keeps no
 * workflow in memory between tasks (no sticky queue), as a worker that is about to be restarted must: the
 * test server never moves a dead worker's sticky tasks back to the shared queue.
 */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  db: Kysely<Database>,
  { taskQueue = `test-${randomUUID()}`, cache = true }: { taskQueue?: string; cache?: boolean } = {},
): Promise<{ worker: Worker; taskQueue: string }> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: createActivities({ db }),
    dataConverter: encryptingDataConverter(testPayloadKeys()),
    ...(cache ? {} : { maxCachedWorkflows: 0 }),
  });
  return { worker, taskQueue };
}
