import { activities } from './activities';
import { calendarChangedSignal } from './messages';

export interface CalendarRetimingInput {
  year: number;
  /** Every workflow with a running working-day clock whose count spans `year` (found through PostgreSQL). */
  workflowIds: string[];
}

/** Workflows told per activity: a retry resends at most one batch's rest, and the history stays short. */
const BATCH = 100;

/**
 * A year's calendar was loaded: tells every affected workflow, retrying (with the activities' backoff, then
 * hourly while blocked) until each has been told, so that no clock keeps a deadline of the old calendar.
 * Workflow ID `calendar-<year>-<uuid>`.
 */
export async function calendarRetimingWorkflow({ year, workflowIds }: CalendarRetimingInput): Promise<{ told: number; finished: number }> {
  const total = { told: 0, finished: 0 };
  for (let from = 0; from < workflowIds.length; from += BATCH) {
    const batch = await activities.signalEach({ workflowIds: workflowIds.slice(from, from + BATCH), signal: calendarChangedSignal.name, arg: { year } });
    total.told += batch.told;
    total.finished += batch.finished;
  }
  return total;
}
