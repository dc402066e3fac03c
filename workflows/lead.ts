import { condition, defineSignal, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { activities } from './activities';
import { SlaState } from './searchAttributes';

export interface LeadWorkflowInput {
  leadId: number;
  /** The lead's `workflow_key` (a UUID), part of the workflow ID. */
  workflowKey: string;
  township: string;
  /** ISO instant: the county's limit from the report (3 working days; 24 hours for an emergency). */
  dueAt: string;
}

/** The window converted the lead into a case or closed it: its time limit no longer runs. */
export const leadHandledSignal = defineSignal('leadHandled');

const HOUR_MS = 3_600_000;
/** Once overdue, the county is told again every day the lead stays open. */
const LEAD_ESCALATE_EVERY_HOURS = 24;
/** Escalations end here (a lead open for a month more is the county's to act on, not a reason for a longer history). */
const LEAD_ESCALATION_CAP = 30;

/**
 * A lead's time limit (主动发现, issue 7 item 3), workflow ID `lead-<id>-<key>`: at the due time a lead still open is marked
 * breached and the township window and the county are told; every day after, the county again. It ends when the
 * window converts or closes the lead (a signal; each step also finds out from the database, so a lost signal
 * changes nothing). Only the lead's id, township and dates: no personal data. Started with the search attributes
 * `Township`, `SlaState` and `SlaDeadline` (api/leadWorkflows.ts), so that the Temporal UI finds overdue leads.
 */
export async function leadWorkflow(input: LeadWorkflowInput): Promise<void> {
  let handled = false;
  setHandler(leadHandledSignal, () => void (handled = true));
  const dueAt = Date.parse(input.dueAt);
  let breached = false;
  for (let level = 0; level <= LEAD_ESCALATION_CAP; level += 1) {
    if (await condition(() => handled, Math.max(dueAt + level * LEAD_ESCALATE_EVERY_HOURS * HOUR_MS - Date.now(), 1))) return;
    // Started late (the reconciler, days after the due time): the days already past are not told one by one.
    level = Math.max(level, Math.floor((Date.now() - dueAt) / (LEAD_ESCALATE_EVERY_HOURS * HOUR_MS)));
    const { open } = await activities.recordLeadOverdue({ leadId: input.leadId, level, kind: breached ? 'escalation' : 'breach', at: new Date().toISOString() });
    if (!open) return;
    if (!breached) upsertSearchAttributes([{ key: SlaState, value: 'breached' }]);
    breached = true;
  }
}
