import { NativeConnection } from '@temporalio/worker';
import { createLogger } from '../api/logger';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { PersonalDataCipher } from '../db/personalData';
import { encryptingDataConverter } from '../temporal/payloadCodec';
import { loggingSmsGateway, startMessageDelivery } from './messageDelivery';
import { installWorkerRuntime } from './runtime';
import { createWorker } from './worker';

/**
 * Production entry point of a worker (`node dist/worker/main.js`); scale by running more of them. On SIGTERM the
 * SDK stops polling, lets running activities finish (`SHUTDOWN_GRACE_SECONDS`) and `run()` returns.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  installWorkerRuntime(logger, config.workerMetricsAddress);
  const db = connectDatabase(config.databaseUrl);
  const connection = await NativeConnection.connect({ address: config.temporal.address, tls: config.temporal.tls });
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    dataConverter: encryptingDataConverter(config.payloadKeys),
    shutdownGraceMs: config.shutdownGraceSeconds * 1000,
  });
  // Messages to applicants: the default gateway logs them (phone masked); plug a real SmsGateway in here.
  const delivery = startMessageDelivery({ db, pii: new PersonalDataCipher(config.pii), gateway: loggingSmsGateway(logger), logger });
  try {
    await worker.run();
    logger.info('worker stopped');
  } finally {
    await delivery.stop();
    await connection.close();
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
