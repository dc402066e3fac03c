import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { officialArrangement } from '../../db/seed';
import { saveYear } from '../../db/repositories/calendar';
import { caseWorkflow } from '../../workflows/case';
import {
  calendarChangedSignal,
  caseStatusQuery,
  caseWorkflowId,
  completeReferralUpdate,
  decideUpdate,
  extendClockUpdate,
  pauseClockUpdate,
  recordEmergencyAidUpdate,
  referralStateQuery,
  referralWorkflowId,
  resumeClockUpdate,
  type CaseWorkflowInput,
  type ClockView,
} from '../../workflows/messages';
import { townshipDecision } from '../support/review';
import { storeCase } from '../support/cases';
import { testCipher } from '../support/piiKeys';
import { eventually } from '../support/eventually';
import { createTestWorker, useTimeSkipping } from '../support/workflowEnv';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('time limits on the time-skipping server', () => {
  // A test server per test: no test inherits another's skipped time or leftover timers.
  const time = useTimeSkipping({ serverPerTest: true });

  /** Starts the case on a fresh worker and runs `body` while that worker runs. */
  async function withCase<T>(input: CaseWorkflowInput, body: (handle: WorkflowHandle<typeof caseWorkflow>) => Promise<T>): Promise<T> {
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    return worker.runUntil(async () => {
      const handle = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
      return body(handle);
    });
  }
  const clock = (handle: WorkflowHandle<typeof caseWorkflow>, id: string): Promise<ClockView> =>
    eventually(async () => {
      const found = (await handle.query(caseStatusQuery)).clocks.find((c) => c.id === id);
      if (!found) throw new Error(`no clock ${id} yet`);
      return found;
    });
  /** The test server's clock runs ahead of the wall clock once a test has skipped time: cases start on it. */
  const serverNow = async () => new Date(await time.env.currentTimeMs());
  /** Ends a case and its referrals (the test server does not apply the parent-close policy to children). */
  const terminate = async (input: CaseWorkflowInput) => {
    const ids = [caseWorkflowId(input.caseNo), ...input.referrals.map((r) => referralWorkflowId(input.caseNo, r.department))];
    await Promise.allSettled(ids.map((id) => time.env.client.workflow.getHandle(id).terminate('test finished')));
  };
  const events = (caseNo: string) => time.db.selectFrom('case_events').select(['type', 'detail']).where('case_no', '=', caseNo).orderBy('id').execute();
  const completeCivilAffairs = async (caseNo: string) => {
    const referral = time.env.client.workflow.getHandle(referralWorkflowId(caseNo, 'civil_affairs'));
    await eventually(() => referral.query(referralStateQuery));
    await referral.executeUpdate(completeReferralUpdate, { args: [{ outcome: 'granted', measures: [], actor: 'department:civil_affairs' }] });
  };

  test('when a case is accepted 2026-02-12 10:00 Beijing, then its 10 working days cross the Spring Festival and both make-up Saturdays', async () => {
    const input = await storeCase(time.db, ['dibao', 'education'], new Date('2026-02-12T02:00:00Z'));
    await withCase(input, async (handle) => {
      const approval = await clock(handle, 'approval');
      // Feb 13, Sat 14 (make-up), 24, 25, 26, 27, Sat 28 (make-up), Mar 2, 3, 4 → 24:00 Beijing on 4 March.
      expect(approval.dueAt).toBe('2026-03-04T16:00:00.000Z');
      expect(approval.provisional).toBe(false);
      const education = await eventually(async () => {
        const { clock: found } = await time.env.client.workflow.getHandle(referralWorkflowId(input.caseNo, 'education')).query(referralStateQuery);
        if (!found) throw new Error('referral clock not started yet');
        return found;
      });
      // Feb 13, Sat 14, 24, 25, 26 → 24:00 Beijing on 26 February.
      expect(education.dueAt).toBe('2026-02-26T16:00:00.000Z');
      // Accepted long ago: breached at once, at the escalation level due now, in one step.
      const breached = await eventually(async () => {
        const c = await clock(handle, 'approval');
        expect(c.sla).toBe('breached');
        return c;
      });
      expect(breached.escalationLevel).toBeGreaterThan(100);
      await terminate(input);
    });
    const stored = await time.db.selectFrom('referrals').select('due_at').where('id', '=', `${input.caseNo}-education`).executeTakeFirstOrThrow();
    expect(stored.due_at.toISOString()).toBe('2026-02-26T16:00:00.000Z');
  });

  test('when no first aid is recorded for 24 hours, then the emergency clock breaches, escalates to the county every hour and shows breached', async () => {
    const input = await storeCase(time.db, ['temporary_emergency'], await serverNow());
    await withCase(input, async (handle) => {
      await clock(handle, 'emergency_aid');
      await time.env.sleep(24 * HOUR + 5 * 60_000);
      const breached = await eventually(async () => {
        const c = await clock(handle, 'emergency_aid');
        expect(c.sla).toBe('breached');
        return c;
      });
      expect(breached.escalationLevel).toBe(1);
      await time.env.sleep(2 * HOUR);
      await eventually(async () => expect((await clock(handle, 'emergency_aid')).escalationLevel).toBe(3));
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get({ name: 'SlaState', type: 'KEYWORD' } as never)).toBe('breached');
      await terminate(input);
    });
    const notes = await time.db.selectFrom('notifications').select(['kind', 'level', 'recipient']).where('case_no', '=', input.caseNo).where('clock', '=', 'emergency_aid').orderBy('level').execute();
    expect(notes.map((n) => [n.kind, n.level])).toEqual([
      ['warning', 0],
      ['breach', 1],
      ['escalation', 2],
      ['escalation', 3],
    ]);
    expect(new Set(notes.map((n) => n.recipient))).toEqual(new Set(['county:370725']));
    const projected = await time.db.selectFrom('sla_clocks').select(['sla_state', 'escalation_level']).where('case_no', '=', input.caseNo).where('clock', '=', 'emergency_aid').executeTakeFirstOrThrow();
    expect(projected).toEqual({ sla_state: 'breached', escalation_level: 3 });
  });

  test('when first aid is recorded at 23 hours, then the clock is met in time, never breaches, and the paperwork clock starts', async () => {
    const input = await storeCase(time.db, ['temporary_emergency'], await serverNow());
    await withCase(input, async (handle) => {
      await clock(handle, 'emergency_aid');
      await time.env.sleep(23 * HOUR);
      const answer = await handle.executeUpdate(recordEmergencyAidUpdate, { args: [{ amountYuan: 1500, form: 'cash', actor: 'window:test' }] });
      expect(answer).toEqual({ late: false });
      await time.env.sleep(3 * HOUR);
      expect(await clock(handle, 'emergency_aid')).toMatchObject({ sla: 'met', late: false, escalationLevel: 0 });
      const paperwork = await clock(handle, 'emergency_paperwork');
      expect(paperwork.sla).toBe('on_track');
      expect(Date.parse(paperwork.dueAt)).toBeGreaterThan(Date.parse(paperwork.startedAt) + 5 * DAY);
      await terminate(input);
    });
    const types = (await events(input.caseNo)).filter((e) => (e.detail as { clock?: string }).clock === 'emergency_aid').map((e) => e.type);
    expect(types).toContain('clock_met');
    expect(types).not.toContain('clock_breached');
    const aid = await time.db.selectFrom('emergency_aid').select(['amount_yuan', 'form', 'late']).where('case_no', '=', input.caseNo).executeTakeFirstOrThrow();
    expect(aid).toEqual({ amount_yuan: '1500.00', form: 'cash', late: false });
  });

  test('when the township decides a minute before and a minute after the deadline, then the first is in time (final after its public notice) and the second is accepted but late', async () => {
    const early = await storeCase(time.db, ['dibao'], await serverNow());
    const late = await storeCase(time.db, ['dibao'], await serverNow());
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);
    await worker.runUntil(async () => {
      const handles = await Promise.all(
        [early, late].map((input) => time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] })),
      );
      await Promise.all([early, late].map((input) => completeCivilAffairs(input.caseNo)));
      const dueAt = Date.parse((await clock(handles[0], 'approval')).dueAt);
      expect((await clock(handles[1], 'approval')).dueAt).toBe(new Date(dueAt).toISOString());

      await time.env.sleep(dueAt - 60_000 - (await time.env.currentTimeMs()));
      expect(await handles[0].executeUpdate(decideUpdate, { args: [townshipDecision('approve', '符合低保条件')] })).toEqual({ late: false, noticeEndsAt: expect.any(String) });
      await time.env.sleep(2 * 60_000);
      await eventually(async () => expect((await clock(handles[1], 'approval')).sla).toBe('breached'));
      expect(await handles[1].executeUpdate(decideUpdate, { args: [townshipDecision('reject', '家庭收入超标')] })).toEqual({ late: true });
      // One at a time: each awaited result unlocks and re-locks the test server's time skipping.
      for (const h of handles) await h.result();
    });
    const decided = await time.db.selectFrom('cases').select(['case_no', 'decision', 'decided_late', 'stage']).where('case_no', 'in', [early.caseNo, late.caseNo]).orderBy('case_no').execute();
    expect(decided).toEqual([
      { case_no: early.caseNo, decision: 'approve', decided_late: false, stage: 'closed' },
      { case_no: late.caseNo, decision: 'reject', decided_late: true, stage: 'closed' },
    ]);
  });

  test('when the approval clock is paused past its deadline, then it does not breach, and resuming adds the working days of the pause', async () => {
    const input = await storeCase(time.db, ['dibao'], await serverNow());
    await withCase(input, async (handle) => {
      const before = await clock(handle, 'approval');
      const paused = await handle.executeUpdate(pauseClockUpdate, { args: [{ clock: 'approval', reasonCipher: testCipher().encrypt('申请人补正材料'), actor: 'window:test' }] });
      expect(paused.paused).toBe(true);
      await time.env.sleep(20 * DAY);
      expect((await clock(handle, 'approval')).sla).toBe('on_track');
      const resumed = await handle.executeUpdate(resumeClockUpdate, { args: [{ clock: 'approval', reasonCipher: testCipher().encrypt('材料已补齐'), actor: 'window:test' }] });
      expect(resumed.paused).toBe(false);
      // 20 days paused: at least 10 working days began in them, whatever holidays they held.
      expect(resumed.budget.amount).toBeGreaterThanOrEqual(10 + 10);
      expect(Date.parse(resumed.dueAt)).toBeGreaterThan(Date.parse(before.dueAt) + 14 * DAY);
      await terminate(input);
    });
    const types = (await events(input.caseNo)).filter((e) => (e.detail as { clock?: string }).clock === 'approval').map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['clock_paused', 'clock_resumed']));
    expect(types).not.toContain('clock_breached');
  });

  test('when a client bypasses the API with a fractional working-day extension, then the workflow’s validator refuses it and the clock is untouched', async () => {
    const input = await storeCase(time.db, ['dibao'], await serverNow());
    await withCase(input, async (handle) => {
      const before = await clock(handle, 'approval');
      const refused = await handle
        .executeUpdate(extendClockUpdate, { args: [{ clock: 'approval', amount: 0.5, reasonCipher: testCipher().encrypt('补充调查'), actor: 'reviewer:test' }] })
        .catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'invalid_extension' });
      expect(await clock(handle, 'approval')).toEqual(before);
      await terminate(input);
    });
    expect((await events(input.caseNo)).map((e) => e.type)).not.toContain('clock_extended');
  });

  test('when the calendar gains a holiday inside the window, then the signal moves the deadline one working day later', async () => {
    // A fixed acceptance (Monday 1 June 2026), so the window lies in a published year whatever the server's clock.
    const input = await storeCase(time.db, ['dibao'], new Date('2026-06-01T02:00:00Z'));
    const original = officialArrangement(2026);
    try {
      await withCase(input, async (handle) => {
        const before = await clock(handle, 'approval');
        expect(before.dueAt).toBe('2026-06-15T16:00:00.000Z');
        await saveYear(time.db, 2026, [...original, { date: '2026-06-02', kind: 'holiday', name: '测试假日' }], false, 'test');
        await handle.signal(calendarChangedSignal, { year: 2026 });
        const after = await eventually(async () => {
          const c = await clock(handle, 'approval');
          expect(c.dueAt).not.toBe(before.dueAt);
          return c;
        });
        expect(after.dueAt).toBe('2026-06-16T16:00:00.000Z');
        await terminate(input);
      });
      expect((await events(input.caseNo)).map((e) => e.type)).toContain('clock_retimed');
    } finally {
      await saveYear(time.db, 2026, original, false, 'State Council (chinese-days 1.5.7)');
    }
  });

  test('when the worker restarts in the middle of the 24 hours, then the new worker keeps the timer and the clock breaches on time', async () => {
    const input = await storeCase(time.db, ['temporary_emergency'], await serverNow());
    const first = await createTestWorker(time.env, time.db, { cache: false });
    const handle = await first.worker.runUntil(async () => {
      const h = await time.env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue: first.taskQueue, args: [input] });
      await clock(h, 'emergency_aid');
      await time.env.sleep(12 * HOUR);
      return h;
    });
    // The first worker is gone (its cache with it); a new one takes the same task queue, as after a restart.
    const { worker: restarted } = await createTestWorker(time.env, time.db, { taskQueue: first.taskQueue, cache: false });
    await restarted.runUntil(async () => {
      expect((await clock(handle, 'emergency_aid')).sla).toBe('on_track');
      await time.env.sleep(12 * HOUR + 5 * 60_000);
      await eventually(async () => expect((await clock(handle, 'emergency_aid')).sla).toBe('breached'));
      await terminate(input);
    });
    const breach = await time.db.selectFrom('notifications').select(['level', 'created_at']).where('case_no', '=', input.caseNo).where('kind', '=', 'breach').executeTakeFirstOrThrow();
    expect(breach.level).toBe(1);
  });
});
