import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
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
    // The workflow's first activity (recording the stage) is held, running, until the worker has been told to stop.
    const real = createActivities({ db });
    let running = false;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const activities = {
      ...real,
      async recordStage(input: Parameters<typeof real.recordStage>[0]) {
        running = true;
        await held;
        return real.recordStage(input);
      },
    };
    const dataConverter = encryptingDataConverter(testPayloadKeys());
    const worker = await createWorker({ connection: workerConnection, namespace: 'default', taskQueue, db, dataConverter, activities, workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! }, shutdownGraceMs: 60_000 });
    const run = worker.run();
    const input = await storeCase(db, ['education']);
    try {
      await ensureCaseWorkflow({ db, temporal, taskQueue, logger: createLogger('silent'), workflowAnswerMs: 10_000 }, input.caseNo);
      await eventually(async () => expect(running).toBe(true));
      worker.shutdown();
      expect(['STOPPING', 'DRAINING']).toContain(worker.getState());
      release();
      await run;
      const events = await db.selectFrom('case_events').select('type').where('case_no', '=', input.caseNo).execute();
      expect(events.map((e) => e.type)).toContain('stage_changed');
      // …and Temporal heard of its completion: no retry will do it a second time.
      await eventually(async () => {
        const history = await temporal.workflow.getHandle(`case-${input.caseNo}`).fetchHistory();
        expect(history.events!.some((e) => e.activityTaskCompletedEventAttributes)).toBe(true);
      });
    } finally {
      release();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await run.catch(() => undefined);
      await Promise.all([connection.close(), workerConnection.close()]);
      await db.destroy();
    }
  });
});
