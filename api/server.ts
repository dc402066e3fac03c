import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { createApp } from './app';
import { apiDepsFromConfig } from './deps';
import { createLogger } from './logger';
import { drainHttpServer, onTerminationSignal } from './shutdown';

/** Production entry point of the API (`node dist/api/server.js`). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = connectDatabase(config.databaseUrl);
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const server = createApp(apiDepsFromConfig(config, { db, temporal, logger })).listen(config.port, () =>
    logger.info({ port: config.port }, 'API listening'),
  );
  // SIGTERM (docker stop, a rolling deploy): answer what is in flight, then let go of Temporal and PostgreSQL.
  onTerminationSignal(async (signal) => {
    logger.info({ signal }, 'API stopping: draining requests');
    await drainHttpServer(server, config.shutdownGraceSeconds * 1000);
    await connection.close();
    await db.destroy();
    logger.info('API stopped');
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
