import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { budgetProblem, clockTimes, departmentOfClock, workingDaysBetween, type Amount } from '../domain/clocks';
import { appendCaseEvent } from '../db/repositories/caseEvents';
import { addNotification, saveClock } from '../db/repositories/clocks';
import { loadWorkingCalendar } from '../db/repositories/calendar';
import { caseJurisdiction } from '../db/repositories/cases';
import type { Database } from '../db/schema';
import type { ClockView } from '../domain/clocks';

/** Where a notification goes: the clock's department, the case's township, or its county. */
async function address(db: Kysely<Database>, caseNo: string, clock: string, recipient: string): Promise<string> {
  if (recipient === 'department') return `department:${departmentOfClock(clock)}`;
  const { township_code, county_code } = await caseJurisdiction(db, caseNo);
  return recipient === 'township' ? `township:${township_code}` : `county:${county_code}`;
}

export function clockActivities(db: Kysely<Database>) {
  return {
    /** Deadlines come from the calendar in PostgreSQL, through an activity, so that the history records them. */
    async computeClockTimes(input: { startedAt: string; budget: Amount; warnBefore: number }) {
      // Bad input never gets better by retrying: fail at once, and the workflow's update fails with it.
      const problem = budgetProblem(input.budget) ?? (Number.isFinite(Date.parse(input.startedAt)) ? undefined : `无效的开始时间 (invalid start ${input.startedAt})`);
      if (problem) throw ApplicationFailure.nonRetryable(problem, 'invalid_clock_input');
      const times = clockTimes(new Date(input.startedAt), input.budget, input.warnBefore, await loadWorkingCalendar(db));
      return { dueAt: times.dueAt.toISOString(), warnAt: times.warnAt.toISOString(), provisional: times.provisional };
    },

    async workingDaysBetween(input: { from: string; to: string }): Promise<number> {
      return workingDaysBetween(new Date(input.from), new Date(input.to), await loadWorkingCalendar(db));
    },

    /** One clock transition: its projection, its case event and, for warnings and escalations, a notification. */
    async recordClock(input: {
      caseNo: string;
      seq: number;
      clock: ClockView;
      event: { type: string; detail: Record<string, unknown>; actor: string; requestId?: string };
      notification?: { kind: 'warning' | 'breach' | 'escalation'; level: number; recipient: string };
    }): Promise<void> {
      const key = `clock:${input.clock.id}:${input.seq}`;
      const at = new Date();
      const recipient = input.notification && (await address(db, input.caseNo, input.clock.id, input.notification.recipient));
      await db.transaction().execute(async (trx) => {
        await saveClock(trx, input.caseNo, input.seq, input.clock, at);
        await appendCaseEvent(trx, {
          caseNo: input.caseNo,
          key,
          type: input.event.type,
          actor: input.event.actor,
          requestId: input.event.requestId,
          detail: { clock: input.clock.id, ...input.event.detail, ...(recipient && { recipient }) },
        });
        if (input.notification && recipient) await addNotification(trx, { caseNo: input.caseNo, key, clock: input.clock.id, ...input.notification, recipient, at });
      });
    },
  };
}
