import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import { saveBenefit } from '../../db/repositories/benefits';
import type { Database } from '../../db/schema';
import { monthOf, nextMonth } from '../../domain/months';
import { benefitWorkflow } from '../../workflows/benefit';
import { benefitWorkflowId } from '../../workflows/messages';
import { makeTownship, storeCaseIn } from './payments';
import { testCipher } from './piiKeys';
import { createTestWorker } from './workflowEnv';

/**
 * A benefit of two months from next month, run to its end; returns the first run (a wait for its month, the
 * payment, and the continue-as-new) for the history recorder.
 */
export async function runBenefitFirstMonth(env: TestWorkflowEnvironment, db: Kysely<Database>) {
  const caseNo = await storeCaseIn(db, await makeTownship(db, 1000), ['dibao']);
  const month = nextMonth(monthOf(new Date(await env.currentTimeMs())));
  await saveBenefit(db, { caseNo, monthlyAmountYuan: 600, startMonth: month, endMonth: nextMonth(month), bankAccountCipher: testCipher().encrypt('6222020200112233445'), approvedBy: 'staff:0' });
  const { worker, taskQueue } = await createTestWorker(env, db);
  const handle = await worker.runUntil(async () => {
    const h = await env.client.workflow.start(benefitWorkflow, { workflowId: benefitWorkflowId(caseNo), taskQueue, args: [{ caseNo, month, endMonth: nextMonth(month) }] });
    await h.result();
    return h;
  });
  return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
}
