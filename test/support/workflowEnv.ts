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
import { startApiHarness, type ApiHarness } from './apiHarness';
import { testPayloadKeys } from './piiKeys';
import { testDb } from './testDb';

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

/** The time-skipping server and the test database of a `describe` block, for its tests to use: `time.env`, `time.db`. */
export interface TimeSkipping {
  readonly env: TestWorkflowEnvironment;
  readonly db: Kysely<Database>;
}

/**
 * Sets up, in the calling `describe`, the test database and a time-skipping server, and tears both down: one
 * server for the whole block, or with `serverPerTest` a server per test (each starts with its own clock and
 * connections, so no test inherits another's skipped time, leftover timers or a connection worn out by keepalive
 * pings).
 */
export function useTimeSkipping({ serverPerTest = false }: { serverPerTest?: boolean } = {}): TimeSkipping {
  let env: TestWorkflowEnvironment | undefined;
  let db: Kysely<Database> | undefined;
  const startServer = async () => void (env = await createTimeSkippingEnv());
  const stopServer = async () => {
    await env?.teardown();
    env = undefined;
  };
  beforeAll(async () => {
    db = testDb();
    if (!serverPerTest) await startServer();
  });
  if (serverPerTest) {
    beforeEach(startServer);
    afterEach(stopServer);
  }
  afterAll(async () => {
    await db?.destroy();
    if (!serverPerTest) await stopServer();
  });
  return {
    get env() {
      if (!env) throw new Error('the time-skipping server is not running (use it inside a test)');
      return env;
    },
    get db() {
      if (!db) throw new Error('the test database is not open (use it inside a test)');
      return db;
    },
  };
}

/** The API and its worker on a time-skipping server of the calling `describe` (days pass with `env.sleep`). */
export function useTimeSkippingApi(): { readonly env: TestWorkflowEnvironment; readonly api: ApiHarness } {
  let env: TestWorkflowEnvironment | undefined;
  let api: ApiHarness | undefined;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    api = await startApiHarness({ temporalAddress: env.address });
  });
  afterAll(async () => {
    await api?.stop();
    await env?.teardown();
  });
  return {
    get env() {
      return env!;
    },
    get api() {
      return api!;
    },
  };
}
