import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../api/app';
import { apiDepsFromConfig } from '../api/deps';
import { createLogger } from '../api/logger';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { PersonalDataCipher } from '../db/personalData';
import { loggingSmsGateway, startMessageDelivery } from '../worker/messageDelivery';
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
  const workerConnection = await NativeConnection.connect({ address: temporalServer.address });
  const worker = await createWorker({ connection: workerConnection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, db });
  const workerRun = worker.run();
  const delivery = startMessageDelivery({ db, pii: new PersonalDataCipher(config.pii), gateway: loggingSmsGateway(logger), logger });
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
    PostgreSQL   ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}

  Demo staff tokens (new on every start; send as Authorization: Bearer <token>; valid ${config.tokenLifetimeDays} days):
${tokens.map((t) => `    ${t.username.padEnd(width)}  ${t.role.padEnd(10)}  ${t.scope.padEnd(30)}  ${t.token}`).join('\n')}
  e.g.  curl -H 'Authorization: Bearer ${tokens[0].token}' http://localhost:${config.port}/api/v1/me
  Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping …');
    await new Promise((resolve) => server.close(resolve));
    if (worker.getState() === 'RUNNING') worker.shutdown(); // the SDK's own SIGINT handler may have begun it
    await workerRun;
    await delivery.stop();
    await Promise.all([connection.close(), workerConnection.close()]);
    await db.destroy();
    await temporalServer.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
