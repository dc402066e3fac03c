import { caseWorkflow } from '../../workflows/case';
import { caseStatusQuery, caseWorkflowId } from '../../workflows/messages';
import { materialsMissingUpdate, materialsReceivedUpdate } from '../../workflows/referralLoopMessages';
import { storeCase } from '../support/cases';
import { eventually } from '../support/eventually';
import { testCipher } from '../support/piiKeys';
import { truncateCases } from '../support/testDb';
import { createTestWorker, useTimeSkipping } from '../support/workflowEnv';

/** Missing materials (补正, issue 7 item 4) on the time-skipping server: the wait has a limit. */
describe('missing materials', () => {
  const time = useTimeSkipping();
  const pii = testCipher();

  beforeEach(() => truncateCases(time.db));

  const request = (limitDays: number) => ({
    materials: ['income_statement'],
    limitDays,
    reasonCipher: pii.encrypt('待补正材料: income_statement'),
    lapseReasonCipher: pii.encrypt('补正材料逾期未提交，不予受理'),
    actor: 'staff:1',
  });

  test('when nothing is received within the limit, then the case ends as not_accepted with the written reason, its referral cancelled and no clock running', async () => {
    const input = await storeCase(time.db, ['dibao']);
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    const result = await worker.runUntil(async () => {
      const handle = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
      await eventually(async () => expect((await handle.query(caseStatusQuery)).clocks.map((c) => c.id)).toContain('approval'));
      const { pausedClocks } = await handle.executeUpdate(materialsMissingUpdate, { args: [request(30)] });
      expect(pausedClocks).toEqual(['approval']);
      return handle.result();
    });

    expect(result.stage).toBe('not_accepted');
    const stored = await time.db.selectFrom('cases').select(['stage', 'closed_at']).where('case_no', '=', input.caseNo).executeTakeFirstOrThrow();
    expect(stored.stage).toBe('not_accepted');
    expect(stored.closed_at).not.toBeNull();
    const ended = await time.db.selectFrom('case_events').select(['actor', 'detail', 'occurred_at']).where('case_no', '=', input.caseNo).where('type', '=', 'case_not_accepted').executeTakeFirstOrThrow();
    expect(ended.actor).toBe('system');
    expect(pii.decrypt((ended.detail as { reasonCipher: string }).reasonCipher)).toBe('补正材料逾期未提交，不予受理');
    expect(ended.occurred_at.getTime() - Date.parse(input.acceptedAt)).toBeGreaterThanOrEqual(30 * 86_400_000);
    const referral = await time.db.selectFrom('referrals').select('status').where('case_no', '=', input.caseNo).executeTakeFirstOrThrow();
    expect(referral.status).toBe('cancelled');
    const running = await time.db.selectFrom('sla_clocks').select('clock').where('case_no', '=', input.caseNo).where('met_at', 'is', null).execute();
    expect(running).toEqual([]);
  });

  test('when the materials are received in time, then the clocks resume and the limit no longer applies', async () => {
    const input = await storeCase(time.db, ['dibao']);
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    await worker.runUntil(async () => {
      const handle = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
      await eventually(async () => expect((await handle.query(caseStatusQuery)).clocks.map((c) => c.id)).toContain('approval'));
      await handle.executeUpdate(materialsMissingUpdate, { args: [request(3)] });
      const { resumedClocks } = await handle.executeUpdate(materialsReceivedUpdate, { args: [{ actor: 'staff:1', reasonCipher: pii.encrypt('已收到') }] });
      expect(resumedClocks).toEqual(['approval']);
      await time.env.sleep('5 days');
      const status = await handle.query(caseStatusQuery);
      expect(status.stage).toBe('referral');
      expect(status.clocks.find((c) => c.id === 'approval')!.paused).toBe(false);
      await handle.terminate('test finished');
    });
  });
});
