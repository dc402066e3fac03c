import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createApp } from '../../api/app';
import { createLogger } from '../../api/logger';
import type { Database } from '../../db/schema';
import { createWorker } from '../../worker/worker';
import { testDb } from './testDb';

export interface ApiHarness {
  server: Server;
  db: Kysely<Database>;
  temporal: Client;
  stop(): Promise<void>;
}

/**
 * The API on port 0 and a worker on a task queue of its own, both on the run's dev server and database:
 * the real service, minus the process boundaries.
 */
export async function startApiHarness(): Promise<ApiHarness> {
  const address = process.env.TEST_TEMPORAL_ADDRESS!;
  const db = testDb();
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection });
  const workerConnection = await NativeConnection.connect({ address });
  const taskQueue = `test-${randomUUID()}`;
  const worker = await createWorker({ connection: workerConnection, namespace: 'default', taskQueue, db, workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } });
  const running = worker.run();
  const app = createApp({ db, temporal, taskQueue, logger: createLogger('silent') });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    server,
    db,
    temporal,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await Promise.all([connection.close(), workerConnection.close()]);
      await db.destroy();
    },
  };
}
