import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { createLogger } from '../api/logger';
import { PersonalDataCipher } from '../db/personalData';
import { loggingSmsGateway, startMessageDelivery } from './messageDelivery';
import { createWorker } from './worker';

/** Production entry point of a worker (`node dist/worker/main.js`); scale by running more of them. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = connectDatabase(config.databaseUrl);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, db });
  const logger = createLogger(config.logLevel);
  // Messages to applicants: the default gateway logs them (phone masked); plug a real SmsGateway in here.
  const delivery = startMessageDelivery({ db, pii: new PersonalDataCipher(config.pii), gateway: loggingSmsGateway(logger), logger });
  try {
    await worker.run();
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
