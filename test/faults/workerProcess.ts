import { NativeConnection } from '@temporalio/worker';
import { connectDatabase } from '../../db/connect';
import { encryptingDataConverter } from '../../temporal/payloadCodec';
import { createWorker } from '../../worker/worker';
import { testPayloadKeys } from '../support/piiKeys';

/** A worker in a process of its own, for fault tests to kill: `node --import tsx test/faults/workerProcess.ts`. */
async function main(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const db = connectDatabase(process.env.DATABASE_URL!, 5);
  const worker = await createWorker({ connection, namespace: 'default', taskQueue: process.env.TASK_QUEUE!, db, dataConverter: encryptingDataConverter(testPayloadKeys()), workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } });
  const running = worker.run();
  console.log('worker ready');
  await running;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
