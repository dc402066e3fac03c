import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { encryptingDataConverter } from '../temporal/payloadCodec';
import { createApp } from './app';
import { apiDepsFromConfig } from './deps';
import { claimNamespace } from './deploymentBinding';
import { createLogger } from './logger';
import { drainHttpServer, onTerminationSignal } from './shutdown';
import { runWorkflowReconciler } from './workflowReconciler';

/** Production entry point of the API (`node dist/api/server.js`). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = connectDatabase(config.databaseUrl);
  const connection = await Connection.connect({ address: config.temporal.address, tls: config.temporal.tls });
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: encryptingDataConverter(config.payloadKeys) });
  const deps = apiDepsFromConfig(config, { db, temporal, logger });
  await claimNamespace(deps).catch((err: unknown) => logger.warn({ err: String(err) }, 'could not record the deployment in the Temporal namespace'));
  const server = createApp(deps).listen(config.port, config.listenHost, () => logger.info({ port: config.port, host: config.listenHost }, 'API listening'));
  const stopReconciler = runWorkflowReconciler(deps);
  // SIGTERM (docker stop, a rolling deploy): answer what is in flight, then let go of Temporal and PostgreSQL.
  onTerminationSignal(async (signal) => {
    logger.info({ signal }, 'API stopping: draining requests');
    await drainHttpServer(server, config.shutdownGraceSeconds * 1000);
    await stopReconciler();
    await connection.close();
    await db.destroy();
    logger.info('API stopped');
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
