import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../api/app';
import { apiDepsFromConfig } from '../api/deps';
import { createLogger } from '../api/logger';
import { drainHttpServer, onTerminationSignal } from '../api/shutdown';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { installWorkerRuntime } from '../worker/runtime';
import { createWorker } from '../worker/worker';
import { issueDemoTokens } from './demoTokens';
import { startDevServer } from './devServer';
import { prepareDatabase } from './migrate';

/**
 * `npm run dev`: the whole service on one machine — Temporal dev server with its Web UI (state in .data/),
 * migrations and seed data, the worker and the API. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const [host, port] = config.temporal.address.split(':');
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('npm run dev starts its own Temporal server: leave TEMPORAL_ADDRESS unset or on 127.0.0.1');

  const dataDir = path.resolve(__dirname, '..', '.data');
  mkdirSync(dataDir, { recursive: true });
  const [temporalServer] = await Promise.all([
    startDevServer({ port: Number(port), uiPort: config.temporal.uiPort, dbFile: path.join(dataDir, 'temporal.db') }),
    prepareDatabase(config.databaseUrl),
  ]);

  const db = connectDatabase(config.databaseUrl);
  installWorkerRuntime(logger, config.workerMetricsAddress, { ownSignals: false });
  const workerConnection = await NativeConnection.connect({ address: temporalServer.address });
  const worker = await createWorker({
    connection: workerConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    shutdownGraceMs: config.shutdownGraceSeconds * 1000,
  });
  const workerRun = worker.run();
  const connection = await Connection.connect({ address: temporalServer.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const server = createApp(apiDepsFromConfig(config, { db, temporal, logger })).listen(config.port);
  await new Promise((resolve) => server.once('listening', resolve));
  // Fresh demo tokens on every start; the previous run's stop working.
  const tokens = await issueDemoTokens(db, { label: 'dev', lifetimeDays: config.tokenLifetimeDays, revokePrevious: true });
  const width = Math.max(...tokens.map((t) => t.username.length));

  console.log(`
  一门受理、协同办理 — running
    API          http://localhost:${config.port}/api/v1   (OpenAPI: http://localhost:${config.port}/openapi.json)
    Temporal UI  http://localhost:${config.temporal.uiPort}              (find a case: CaseNo="…")
    Temporal     ${temporalServer.address}, task queue ${config.temporal.taskQueue}
    Metrics      http://localhost:${config.port}/metrics (API)${config.workerMetricsAddress ? `, http://${config.workerMetricsAddress}/metrics (worker)` : ''}
    PostgreSQL   ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}

  Demo staff tokens (new on every start; send as Authorization: Bearer <token>; valid ${config.tokenLifetimeDays} days):
${tokens.map((t) => `    ${t.username.padEnd(width)}  ${t.role.padEnd(10)}  ${t.scope.padEnd(30)}  ${t.token}`).join('\n')}
  e.g.  curl -H 'Authorization: Bearer ${tokens[0].token}' http://localhost:${config.port}/api/v1/me
  Ctrl-C stops everything.`);

  onTerminationSignal(async () => {
    console.log('stopping …');
    await drainHttpServer(server, config.shutdownGraceSeconds * 1000);
    worker.shutdown(); // after the requests, which may wait on workflow updates; running activities finish
    await workerRun;
    await Promise.all([connection.close(), workerConnection.close()]);
    await db.destroy();
    await temporalServer.stop();
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
