import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { markLeadWorkflowStarted } from '../db/repositories/leads';
import { leadWorkflowId } from '../domain/workflowIds';
import { leadHandledSignal, type LeadWorkflowInput } from '../workflows/lead';
import { SlaDeadline, SlaState, Township } from '../workflows/searchAttributes';
import type { ApiDeps } from './deps';
import { withinWorkflowDeadline } from './workflowDeadline';

type Deps = Pick<ApiDeps, 'db' | 'temporal' | 'taskQueue' | 'logger' | 'workflowAnswerMs'>;

/** What the lead's workflow is started with, from its row. */
export const leadWorkflowInput = (lead: { id: number; workflow_key: string; township_code: string; due_at: Date }): LeadWorkflowInput => ({
  leadId: lead.id,
  workflowKey: lead.workflow_key,
  township: lead.township_code,
  dueAt: lead.due_at.toISOString(),
});

/**
 * Starts the workflow of a recorded lead (its time limit, workflows/lead.ts), once: a second start finds it
 * running. A lead whose start failed keeps `workflow_started_at` empty, and the reconciler starts it later.
 */
export async function ensureLeadWorkflow(deps: Deps, lead: LeadWorkflowInput): Promise<void> {
  try {
    await withinWorkflowDeadline(deps.temporal, deps.workflowAnswerMs, () =>
      deps.temporal.workflow.start<(input: LeadWorkflowInput) => Promise<void>>('leadWorkflow', {
        workflowId: leadWorkflowId(lead),
        taskQueue: deps.taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [lead],
        typedSearchAttributes: [
          { key: Township, value: lead.township },
          { key: SlaState, value: 'on_track' },
          { key: SlaDeadline, value: new Date(lead.dueAt) },
        ],
        staticSummary: `线索 ${lead.leadId} · ${lead.township} · 期限 ${lead.dueAt}`,
      }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  await markLeadWorkflowStarted(deps.db, lead.leadId);
}

/** Starts it now, or leaves it to the reconciler: the lead is recorded either way. */
export async function startLeadWorkflow(deps: Deps, lead: LeadWorkflowInput): Promise<void> {
  await ensureLeadWorkflow(deps, lead).catch((err: unknown) => deps.logger.warn({ leadId: lead.leadId, err: String(err) }, 'lead workflow not started; the reconciler retries'));
}

/** The lead was converted or closed: its workflow stops (best effort; the workflow also reads the lead's status). */
export async function tellLeadHandled(deps: Deps, lead: { leadId: number; workflowKey: string }): Promise<void> {
  await withinWorkflowDeadline(deps.temporal, deps.workflowAnswerMs, () => deps.temporal.workflow.getHandle(leadWorkflowId(lead)).signal(leadHandledSignal)).catch((err: unknown) =>
    deps.logger.info({ leadId: lead.leadId, err: String(err) }, 'lead workflow not told; it finds the lead handled at its next step'),
  );
}
