import { Worker } from '@temporalio/worker';
import { DEFAULT_POLICIES } from '../../domain/clocks';
import { caseWorkflow } from '../../workflows/case';
import { caseStatusQuery, caseWorkflowId, extendClockUpdate, policyChangedSignal, referralWorkflowId, type CaseWorkflowInput } from '../../workflows/messages';
import { encryptingDataConverter } from '../../temporal/payloadCodec';
import { storeCase } from '../support/cases';
import { testPayloadKeys } from '../support/piiKeys';
import { eventually } from '../support/eventually';
import { createTestWorker, useTimeSkipping } from '../support/workflowEnv';

/**
 * A running clock takes a county's new time limit when told to (issue 13, re-timing on request), on the
 * time-skipping server: the deadline is recomputed from the clock's own start, what an extension added stays
 * added, and a met clock is left alone.
 */
describe('a clock takes a new policy (time-skipping server)', () => {
  const time = useTimeSkipping();

  const terminate = async (input: CaseWorkflowInput) => {
    const ids = [caseWorkflowId(input.caseNo), ...input.referrals.map((r) => referralWorkflowId(input.caseNo, r.department))];
    await Promise.allSettled(ids.map((id) => time.env.client.workflow.getHandle(id).terminate('test finished')));
  };

  test('when an extended approval clock is told the limit is now 5 working days, then it is due 5 + 2 working days after acceptance', async () => {
    // Monday 1 June 2026, 10:00 Beijing: 10 working days end on 15 June, 5 on 8 June, 7 on 10 June.
    const input = await storeCase(time.db, ['dibao'], new Date('2026-06-01T02:00:00Z'));
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    await worker.runUntil(async () => {
      const handle = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
      const approval = () =>
        eventually(async () => {
          const found = (await handle.query(caseStatusQuery)).clocks.find((c) => c.id === 'approval');
          if (!found) throw new Error('approval clock not started yet');
          return found;
        });
      expect((await approval()).dueAt).toBe('2026-06-15T16:00:00.000Z');
      await handle.executeUpdate(extendClockUpdate, { args: [{ clock: 'approval', amount: 2, reasonCipher: 'x', actor: 'staff:1' }] });
      expect((await approval()).dueAt).toBe('2026-06-17T16:00:00.000Z');

      const policy = { ...DEFAULT_POLICIES.approval, length: { unit: 'working_days' as const, amount: 5 }, warnBefore: 1 };
      await handle.signal(policyChangedSignal, { settingsVersion: 3, clocks: [{ clock: 'approval', policy }, { clock: 'emergency_aid', policy }] });
      const after = await eventually(async () => {
        const found = await approval();
        expect(found.dueAt).toBe('2026-06-10T16:00:00.000Z');
        return found;
      });
      expect(after.budget).toEqual({ unit: 'working_days', amount: 7 });
      // Told again (a retried delivery): nothing changes, nothing more is recorded.
      await handle.signal(policyChangedSignal, { settingsVersion: 3, clocks: [{ clock: 'approval', policy }] });
      expect((await approval()).budget).toEqual({ unit: 'working_days', amount: 7 });
      expect((await handle.query(caseStatusQuery)).clocks.map((c) => c.id)).toEqual(['approval']);
      await terminate(input);
      // The patched signal handler replays as it ran (the patch marker is in the history).
      await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! }, dataConverter: encryptingDataConverter(testPayloadKeys()) }, await handle.fetchHistory(), 'policyChanged');
    });
    const events = await time.db.selectFrom('case_events').select(['type', 'detail']).where('case_no', '=', input.caseNo).where('type', '=', 'clock_policy_changed').execute();
    expect(events).toEqual([{ type: 'clock_policy_changed', detail: expect.objectContaining({ clock: 'approval', settingsVersion: 3, dueAtBefore: '2026-06-17T16:00:00.000Z', dueAt: '2026-06-10T16:00:00.000Z' }) }]);
  });
});
