import { Client, Connection } from '@temporalio/client';
import { planDeadlines } from '../api/deadlines';
import { ensureCaseWorkflow } from '../api/intake';
import { createLogger } from '../api/logger';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { PersonalDataCipher } from '../db/personalData';
import { createCase } from '../db/repositories/cases';
import { encryptingDataConverter } from '../temporal/payloadCodec';
import { checkCharacter } from '../domain/idNumber';
import type { NeedCode } from '../domain/needs';

/**
 * `npm run demo:overdue` (with `npm run dev` running): opens a demo case as if accepted 20 days ago, so that its
 * clocks are breached at once and an administrator can see it in the Temporal UI
 * (`ExecutionStatus="Running" AND SlaState="breached"`) and in GET /api/v1/admin/overdue.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = connectDatabase(config.databaseUrl, 2);
  const connection = await Connection.connect({ address: config.temporal.address, tls: config.temporal.tls });
  try {
    const acceptedAt = new Date(Date.now() - 20 * 86_400_000);
    const needs: NeedCode[] = ['dibao', 'education'];
    const township = '370725001';
    const first17 = `37072519700101${String(Date.now() % 1000).padStart(3, '0')}`;
    const { referrals } = await planDeadlines(db, { township, needs, emergency: false, acceptedAt });
    const caseNo = await createCase(db, new PersonalDataCipher(config.pii), {
      township,
      applicant: { name: '演示申请人', idNumber: first17 + checkCharacter(first17), relation: 'self' },
      members: [],
      needs,
      emergency: null,
      narrative: '演示：超期未办结的案件 (demo: an overdue case)',
      idempotencyKey: null,
      requestHash: 'demo',
      referrals,
      actor: 'system:demo',
      requestId: null,
      openedAt: acceptedAt,
    });
    await ensureCaseWorkflow({ db, temporal: new Client({ connection, namespace: config.temporal.namespace, dataConverter: encryptingDataConverter(config.payloadKeys) }), taskQueue: config.temporal.taskQueue, workflowAnswerMs: config.workflowAnswerMs, logger: createLogger(config.logLevel) }, caseNo);
    console.log(`demo case ${caseNo}, accepted ${acceptedAt.toISOString()}: in the Temporal UI filter
  ExecutionStatus="Running" AND SlaState="breached"
or CaseNo="${caseNo}"`);
  } finally {
    await connection.close();
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
