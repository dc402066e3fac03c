import { MAX_ESCALATIONS } from '../../workflows/clock';
import { caseWorkflow } from '../../workflows/case';
import { calendarRetimingWorkflow } from '../../workflows/calendarRetiming';
import { caseStatusQuery, caseWorkflowId } from '../../workflows/messages';
import { Blocked } from '../../workflows/searchAttributes';
import { storeCase } from '../support/cases';
import { eventually } from '../support/eventually';
import { createTestWorker, useTimeSkipping } from '../support/workflowEnv';

const HOUR = 3_600_000;

describe('workflows under faults (time-skipping server)', () => {
  const time = useTimeSkipping({ serverPerTest: true });

  test('when an emergency clock stays breached for ten days, then it escalates a bounded number of times and the history stays bounded', async () => {
    const input = await storeCase(time.db, ['temporary_emergency']);
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    const history = await worker.runUntil(async () => {
      const handle = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
      await time.env.sleep(10 * 24 * HOUR);
      return handle.fetchHistory();
    });
    const escalations = await time.db.selectFrom('case_events').select('detail').where('case_no', '=', input.caseNo).where('type', '=', 'clock_escalated').execute();
    const levels = escalations.map((e) => e.detail as { clock: string; level: number }).filter((d) => d.clock === 'emergency_aid').map((d) => d.level);
    // Level 1 is the breach itself; the escalations follow, hourly, up to the cap and no further.
    expect(levels.sort((a, b) => a - b)).toEqual(Array.from({ length: MAX_ESCALATIONS - 1 }, (_, i) => i + 2));
    // About a dozen events per escalation; without the cap, 10 days of hourly escalations are thousands.
    expect(history.events!.length).toBeLessThan(20 * MAX_ESCALATIONS);
  });

  test('when a step fails with data that no retry can mend, then it is not retried, the workflow shows itself blocked, and keeps running', async () => {
    // A case the database does not know (as after a database re-created beside a kept Temporal server):
    // recording its first clock violates a foreign key.
    const input = { ...(await storeCase(time.db, ['dibao'])), caseNo: '20991231-999999' };
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    await worker.runUntil(async () => {
      const handle = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
      const described = await eventually(async () => {
        const d = await handle.describe();
        expect(d.typedSearchAttributes.get(Blocked)).toEqual(['recordClock']);
        return d;
      });
      expect(described.status.name).toBe('RUNNING');
      expect(described.raw.pendingActivities ?? []).toEqual([]);
      const failures = (await handle.fetchHistory()).events!.filter((e) => e.activityTaskFailedEventAttributes);
      expect(failures).toHaveLength(1);
      await handle.terminate('test finished');
    });
  });

  test('when a calendar year is loaded, then the re-timing workflow tells every running workflow once and counts the finished ones', async () => {
    const input = await storeCase(time.db, ['dibao']);
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    const result = await worker.runUntil(async () => {
      const handle = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
      await eventually(async () => expect((await handle.query(caseStatusQuery)).clocks.map((c) => c.id)).toContain('approval'));
      const year = new Date().getUTCFullYear();
      const told = await time.env.client.workflow.execute(calendarRetimingWorkflow, {
        workflowId: `calendar-${year}-test`,
        taskQueue,
        args: [{ year, workflowIds: [caseWorkflowId(input.caseNo), caseWorkflowId('20000101-000000')] }],
      });
      await eventually(async () => {
        const retimed = await time.db.selectFrom('case_events').select('detail').where('case_no', '=', input.caseNo).where('type', '=', 'clock_retimed').execute();
        expect(retimed.map((e) => (e.detail as { clock: string }).clock)).toEqual(['approval']);
      });
      await handle.terminate('test finished');
      return told;
    });
    expect(result).toEqual({ told: 1, finished: 1 });
  });
});
