import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { NeedCode } from '../../domain/needs';
import { caseWorkflow } from '../../workflows/case';
import { caseWorkflowId, completeReferralUpdate, decideUpdate, referralStateQuery, referralWorkflowId } from '../../workflows/messages';
import { storeCase } from './cases';
import { eventually } from './eventually';
import { testCipher } from './piiKeys';
import { createTestWorker } from './workflowEnv';

/**
 * A case whose every department completes its referral with `granted` and, when the case needs one, whose
 * approval follows at once; run to its end on `env`.
 * Shared by the workflow tests and the history recorder, so the recorded history is a tested one.
 */
export async function runCaseToClosure(env: TestWorkflowEnvironment, db: Kysely<Database>, needs: NeedCode[]) {
  const input = await storeCase(db, needs);
  const { worker, taskQueue } = await createTestWorker(env, db);
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
    for (const { department } of input.referrals) {
      const referral = env.client.workflow.getHandle(referralWorkflowId(input.caseNo, department));
      await eventually(() => referral.query(referralStateQuery));
      await referral.executeUpdate(completeReferralUpdate, { args: [{ outcome: 'granted', measures: ['other'], actor: 'staff:0' }] });
    }
    if (input.clocks.approval) await handle.executeUpdate(decideUpdate, { args: [{ decision: 'approve', reasonCipher: testCipher().encrypt('符合条件'), actor: 'reviewer:test' }] });
    return handle.result();
  });
  return { input, result };
}
