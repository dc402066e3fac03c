import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { encryptingDataConverter } from '../temporal/payloadCodec';
import { createWorker } from './worker';

/** Production entry point of a worker (`node dist/worker/main.js`); scale by running more of them. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = connectDatabase(config.databaseUrl);
  const connection = await NativeConnection.connect({ address: config.temporal.address, tls: config.temporal.tls });
  const worker = await createWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, db, dataConverter: encryptingDataConverter(config.payloadKeys) });
  try {
    await worker.run();
  } finally {
    await connection.close();
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
