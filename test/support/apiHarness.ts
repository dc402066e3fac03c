import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createLogger } from '../../api/logger';
import { issueToken } from '../../api/tokens';
import type { PersonalDataCipher } from '../../db/personalData';
import { findStaffByUsername } from '../../db/repositories/staff';
import type { Database } from '../../db/schema';
import type { DepartmentCode } from '../../domain/departments';
import { createWorker } from '../../worker/worker';
import { encryptingDataConverter, PayloadCipherCodec } from '../../temporal/payloadCodec';
import { testCipher, testPayloadKeys } from './piiKeys';
import { testDb } from './testDb';

/** The browser origin of the Temporal Web UI the harness's codec endpoint answers (CORS). */
export const TEMPORAL_UI_ORIGIN = 'http://localhost:8233';

/** The seeded demo staff the harness issues tokens for. */
export const DEMO_USERNAMES = { window: 'window.baocheng', township_reviewer: 'reviewer.baocheng', reviewer: 'reviewer.county', admin: 'admin.county' } as const;
export type DemoRole = keyof typeof DEMO_USERNAMES;

export interface HarnessOptions {
  /** Every log line of the API (as JSON text) is appended here; the level is then `trace`. */
  logLines?: string[];
  rateLimitPerMinute?: number;
  trustProxyHops?: number;
  /** How long the API waits on a workflow before answering 504 (default 10 s, as in production). */
  workflowAnswerMs?: number;
  /** Without a worker, workflows start but never move: an API call that waits on one must still answer. */
  worker?: boolean;
  /** Another database than the run's (e.g. one re-created beside the run's Temporal server). */
  databaseUrl?: string;
  /** Another Temporal server than the run's. */
  temporalAddress?: string;
  /** Workers run elsewhere (e.g. processes a fault test kills): no worker here; the API starts workflows on this queue. */
  externalWorkerQueue?: string;
  /** `METRICS_TOKEN`: without it only loopback (the tests) may read `/metrics`. */
  metricsToken?: string;
  /** Browser origins of a Temporal Web UI the codec endpoint answers (default TEMPORAL_UI_ORIGIN). */
  temporalUiOrigins?: string[];
}

export interface ApiHarness {
  server: Server;
  db: Kysely<Database>;
  temporal: Client;
  /** The harness worker's task queue, for tests that start a workflow themselves. */
  taskQueue: string;
  pii: PersonalDataCipher;
  /** Bearer tokens of the demo staff: window and reviewer of township 370725001, the county's reviewer and administrator, each department. */
  tokens: Record<DemoRole, string> & { department(code: DepartmentCode): string };
  /** A supertest agent sending the demo staff member's token with every request: `api.as('window').post(…)`. */
  as(role: DemoRole): request.Agent;
  asDepartment(code: DepartmentCode): request.Agent;
  asToken(token: string): request.Agent;
  /** A fresh token for any staff member. */
  tokenFor(username: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The API on port 0 and a worker on a task queue of its own, both on the run's dev server and database:
 * the real service, minus the process boundaries.
 */
export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const address = options.temporalAddress ?? process.env.TEST_TEMPORAL_ADDRESS!;
  const db = testDb(options.databaseUrl);
  const pii = testCipher();
  const payloadKeys = testPayloadKeys();
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, dataConverter: encryptingDataConverter(payloadKeys) });
  const workerConnection = await NativeConnection.connect({ address });
  const taskQueue = options.externalWorkerQueue ?? `test-${randomUUID()}`;
  const worker =
    options.worker === false || options.externalWorkerQueue
      ? undefined
      : await createWorker({ connection: workerConnection, namespace: 'default', taskQueue, db, dataConverter: encryptingDataConverter(payloadKeys), workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } });
  const running = worker?.run();
  const { logLines } = options;
  const logger = logLines ? createLogger('trace', { write: (line: string) => void logLines.push(line) }) : createLogger('silent');
  const app = createApp({
    db,
    temporal,
    taskQueue,
    logger,
    pii,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000,
    trustProxyHops: options.trustProxyHops ?? 0,
    workflowAnswerMs: options.workflowAnswerMs ?? 10_000,
    payloadCodec: new PayloadCipherCodec(payloadKeys),
    temporalUiOrigins: options.temporalUiOrigins ?? [TEMPORAL_UI_ORIGIN],
    metricsToken: options.metricsToken,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });

  const tokenFor = async (username: string) => {
    const staff = await findStaffByUsername(db, username);
    if (!staff) throw new Error(`no staff member ${username}`);
    return (await issueToken(db, staff.id, { lifetimeDays: 1, label: 'test' })).token;
  };
  const departmentTokens = new Map<string, string>();
  for (const row of await db.selectFrom('staff').select('username').where('username', 'like', 'dept.%').where('disabled_at', 'is', null).execute()) {
    departmentTokens.set(row.username.slice('dept.'.length), await tokenFor(row.username));
  }
  const tokens = {
    window: await tokenFor(DEMO_USERNAMES.window),
    township_reviewer: await tokenFor(DEMO_USERNAMES.township_reviewer),
    reviewer: await tokenFor(DEMO_USERNAMES.reviewer),
    admin: await tokenFor(DEMO_USERNAMES.admin),
    department(code: DepartmentCode) {
      const token = departmentTokens.get(code);
      if (!token) throw new Error(`no demo staff for department ${code}`);
      return token;
    },
  };
  const asToken = (token: string) => request.agent(server).set('Authorization', `Bearer ${token}`);

  return {
    server,
    db,
    temporal,
    taskQueue,
    pii,
    tokens,
    as: (role) => asToken(tokens[role]),
    asDepartment: (code) => asToken(tokens.department(code)),
    asToken,
    tokenFor,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker?.shutdown();
      await running;
      await Promise.all([connection.close(), workerConnection.close()]);
      await db.destroy();
    },
  };
}
