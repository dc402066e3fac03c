import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ensureCaseWorkflow } from '../../api/intake';
import { drainHttpServer } from '../../api/shutdown';
import { createWorker } from '../../worker/worker';
import { storeCase } from '../support/cases';
import { eventually } from '../support/eventually';
import { testDb } from '../support/testDb';
import { createLogger } from '../../api/logger';
import { encryptingDataConverter } from '../../temporal/payloadCodec';
import { testPayloadKeys } from '../support/piiKeys';

const get = (port: number, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('graceful shutdown (SIGTERM)', () => {
  test('when the API drains while a request is in flight, then that request is answered, new connections are refused, and the drain ends', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const server: Server = createServer((req, res) => {
      arrived();
      void gate.then(() => res.end(`done ${req.url}`));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;

    const answer = get(port, '/slow');
    await inFlight;
    const drained = drainHttpServer(server, 30_000);
    await expect(get(port, '/late')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    release();
    await expect(answer).resolves.toEqual({ status: 200, body: 'done /slow' });
    await drained;
    expect(server.listening).toBe(false);
  });

  test('when the worker is shut down while an activity runs, then the activity finishes and is recorded before the worker stops', async () => {
    const db = testDb();
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    const connection = await Connection.connect({ address });
    const temporal = new Client({ connection, dataConverter: encryptingDataConverter(testPayloadKeys()) });
    const workerConnection = await NativeConnection.connect({ address });
    const taskQueue = `shutdown-${randomUUID()}`;
    const worker = await createWorker({ connection: workerConnection, namespace: 'default', taskQueue, db, dataConverter: encryptingDataConverter(testPayloadKeys()), workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! }, shutdownGraceMs: 60_000 });
    const input = await storeCase(db, ['education']);
    // Started before the row is held (intake itself records the start on the case row), picked up after.
    await ensureCaseWorkflow({ db, temporal, taskQueue, logger: createLogger('silent'), workflowAnswerMs: 10_000 }, input.caseNo);
    let running: Promise<void> = Promise.resolve();
    // Another session holds the case row: the workflow's first activity (recording the stage, an update of that
    // row) waits inside the activity until the lock goes.
    const holder = testDb();
    try {
      await holder.transaction().execute(async (trx) => {
        await sql`select 1 from cases where case_no = ${input.caseNo} for update`.execute(trx);
        running = worker.run();
        await eventually(async () => {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database() and query like 'update "cases"%'`.execute(db);
          if (rows[0].n === 0) throw new Error('the stage activity is not waiting yet');
        });
        worker.shutdown();
        expect(['STOPPING', 'DRAINING']).toContain(worker.getState());
      });
      await running;
      const events = await db.selectFrom('case_events').select('type').where('case_no', '=', input.caseNo).execute();
      expect(events.map((e) => e.type)).toContain('stage_changed');
      // …and Temporal heard of its completion: no retry will do it a second time.
      await eventually(async () => {
        const history = await temporal.workflow.getHandle(`case-${input.caseNo}`).fetchHistory();
        expect(history.events!.some((e) => e.activityTaskCompletedEventAttributes)).toBe(true);
      });
    } finally {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await holder.destroy();
      await Promise.all([connection.close(), workerConnection.close()]);
      await db.destroy();
    }
  });
});
