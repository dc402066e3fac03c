import { WorkflowUpdateFailedError } from '@temporalio/client';
import { caseWorkflow } from '../../workflows/case';
import { caseWorkflowId, completeReferralUpdate, referralStateQuery, referralWorkflowId } from '../../workflows/messages';
import { storeCase } from '../support/cases';
import { runCaseToClosure } from '../support/scenarios';
import { eventually } from '../support/eventually';
import { truncateCases } from '../support/testDb';
import { createTestWorker, useTimeSkipping } from '../support/workflowEnv';

describe('caseWorkflow on the time-skipping server', () => {
  const time = useTimeSkipping();

  beforeEach(() => truncateCases(time.db));

  const referralReady = (caseNo: string, department: Parameters<typeof referralWorkflowId>[1]) =>
    eventually(() => time.env.client.workflow.getHandle(referralWorkflowId(caseNo, department)).query(referralStateQuery));

  test('when each of three departments completes its referral, then the case closes with their outcomes', async () => {
    const { input, result } = await runCaseToClosure(time.env, time.db, ['dibao', 'education', 'medical']);

    expect(result.stage).toBe('closed');
    expect(result.referrals.map((r) => [r.department, r.outcome])).toEqual([
      ['civil_affairs', 'granted'],
      ['education', 'granted'],
      ['medical', 'granted'],
    ]);
    const stored = await time.db.selectFrom('cases').select(['stage', 'closed_at']).where('case_no', '=', input.caseNo).executeTakeFirstOrThrow();
    expect(stored.stage).toBe('closed');
    expect(stored.closed_at).not.toBeNull();
    const statuses = await time.db.selectFrom('referrals').select('status').where('case_no', '=', input.caseNo).execute();
    expect(statuses.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
  });

  test('when two completions of one referral race, then the validator rejects one and the other is recorded', async () => {
    const input = await storeCase(time.db, ['housing', 'employment']);
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    const settled = await worker.runUntil(async () => {
      const handle = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
      await referralReady(input.caseNo, 'housing');
      const housing = time.env.client.workflow.getHandle(referralWorkflowId(input.caseNo, 'housing'));
      const outcomes = await Promise.allSettled(
        (['not_eligible', 'granted'] as const).map((outcome) =>
          housing.executeUpdate(completeReferralUpdate, { args: [{ outcome, measures: [], actor: 'department:housing' }] }),
        ),
      );
      await handle.terminate('test finished');
      return outcomes;
    });
    const fulfilled = settled.filter((s) => s.status === 'fulfilled');
    const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(rejected[0].reason.cause.message).toContain('already completed');
    const stored = await time.db.selectFrom('referrals').select(['status', 'outcome']).where('id', '=', `${input.caseNo}-housing`).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'completed', outcome: (fulfilled[0] as PromiseFulfilledResult<{ outcome: string }>).value.outcome });
  });
});
