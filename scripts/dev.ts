import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../api/app';
import { apiDepsFromConfig } from '../api/deps';
import { claimNamespace } from '../api/deploymentBinding';
import { createLogger } from '../api/logger';
import { drainHttpServer, onTerminationSignal } from '../api/shutdown';
import { runWorkflowReconciler } from '../api/workflowReconciler';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { encryptingDataConverter } from '../temporal/payloadCodec';
import { localOrEmbeddedPostgres, type PostgresServer } from '../db/postgresServer';
import { installWorkerRuntime } from '../worker/runtime';
import { PersonalDataCipher } from '../db/personalData';
import { loggingSmsGateway, startMessageDelivery } from '../worker/messageDelivery';
import { createWorker } from '../worker/worker';
import { buildConsole } from './buildConsole';
import { DEMO_TOKEN_LIFETIME_HOURS, issueDemoTokens } from './demoTokens';
import { startDevServer } from './devServer';
import { prepareDatabase } from './migrate';

/**
 * `npm run dev`: the whole service on one machine — Temporal dev server with its Web UI (state in .data/),
 * migrations and seed data, the worker and the API. Ctrl-C stops everything. Without DATABASE_URL it uses the
 * PostgreSQL server on LOCAL_POSTGRES_ADDRESS (127.0.0.1:5432) if one answers there, else an embedded one (PGlite,
 * data in .data/postgres/). Everything listens on 127.0.0.1 only.
 */
/** Relative to the working directory when inside it. */
const shortPath = (file: string) => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const [host, port] = config.temporal.address.split(':');
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('npm run dev starts its own Temporal server: leave TEMPORAL_ADDRESS unset or on 127.0.0.1');

  // DEV_DATA_DIR: tests and the smoke script run `npm run dev` on a directory of their own, never the developer's.
  const dataDir = path.resolve(process.env.DEV_DATA_DIR || path.join(__dirname, '..', '.data'));
  mkdirSync(dataDir, { recursive: true });
  let postgres: PostgresServer | undefined;
  const [temporalServer, databaseUrl] = await Promise.all([
    startDevServer({
      port: Number(port),
      uiPort: config.temporal.uiPort,
      dbFile: path.join(dataDir, 'temporal.db'),
      // The Web UI decodes payloads through the API (administrators and reviewers, with their staff token).
      codecEndpoint: `http://localhost:${config.port}/api/v1/temporal-codec`,
    }),
    (async () => {
      if (!config.databaseUrlGiven) postgres = await localOrEmbeddedPostgres(config.localPostgresAddress, path.join(dataDir, 'postgres'));
      const url = postgres ? `${postgres.serverUrl}/one_door` : config.databaseUrl;
      await prepareDatabase(url);
      return url;
    })(),
    buildConsole(),
  ]);

  const db = connectDatabase(databaseUrl);
  const dataConverter = encryptingDataConverter(config.payloadKeys);
  installWorkerRuntime(logger, config.workerMetricsAddress, { ownSignals: false });
  const workerConnection = await NativeConnection.connect({ address: temporalServer.address });
  const worker = await createWorker({
    connection: workerConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    dataConverter,
    shutdownGraceMs: config.shutdownGraceSeconds * 1000,
  });
  const workerRun = worker.run();
  const delivery = startMessageDelivery({ db, pii: new PersonalDataCipher(config.pii), gateway: loggingSmsGateway(logger), logger });
  const connection = await Connection.connect({ address: temporalServer.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const deps = apiDepsFromConfig(config, { db, temporal, logger });
  await claimNamespace(deps).catch((err: unknown) => logger.warn({ err: String(err) }, 'could not record the deployment in the Temporal namespace'));
  const server = createApp(deps).listen(config.port, config.listenHost);
  const stopReconciler = runWorkflowReconciler(deps);
  await new Promise((resolve) => server.once('listening', resolve));
  // Fresh demo tokens on every start; the previous run's stop working.
  const tokens = await issueDemoTokens(db, { label: 'dev', revokePrevious: true });
  const width = Math.max(...tokens.map((t) => t.username.length));

  console.log(`
  一门受理、协同办理 — running
    Console      http://localhost:${config.port}/console/   (sign in with a token below)
    API          http://localhost:${config.port}/api/v1   (OpenAPI: http://localhost:${config.port}/openapi.json)
    Temporal UI  http://localhost:${config.temporal.uiPort}              (find a case: CaseNo="…")
    Temporal     ${temporalServer.address}, task queue ${config.temporal.taskQueue}
    Metrics      http://localhost:${config.port}/metrics (API)${config.workerMetricsAddress ? `, http://${config.workerMetricsAddress}/metrics (worker)` : ''}
    PostgreSQL   ${postgres?.embedded ? `embedded (PGlite, data in ${shortPath(path.join(dataDir, 'postgres', 'one_door'))}), for other commands: DATABASE_URL=${databaseUrl}` : `${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`}

  Demo staff tokens (new on every start; send as Authorization: Bearer <token>; valid ${DEMO_TOKEN_LIFETIME_HOURS} hours):
${tokens.map((t) => `    ${t.username.padEnd(width)}  ${t.role.padEnd(10)}  ${t.scope.padEnd(30)}  ${t.token}`).join('\n')}
  e.g.  curl -H 'Authorization: Bearer ${tokens[0].token}' http://localhost:${config.port}/api/v1/me
  Ctrl-C stops everything.`);

  onTerminationSignal(async () => {
    console.log('stopping …');
    await drainHttpServer(server, config.shutdownGraceSeconds * 1000);
    await stopReconciler();
    if (worker.getState() === 'RUNNING') worker.shutdown(); // after the requests, which may wait on workflow updates; running activities finish
    await workerRun;
    await delivery.stop();
    await Promise.all([connection.close(), workerConnection.close()]);
    await db.destroy();
    await postgres?.stop();
    await temporalServer.stop();
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
