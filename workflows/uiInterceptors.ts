import { setCurrentDetails, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import type { ClockId, ClockView } from '../domain/clocks';
import type { CaseStage } from '../domain/stages';
import type { CaseWorkflowInput, ReferralWorkflowInput } from './messages';
import { activitySummary, caseWaitingFor, currentDetails, referralStartMetadata, timerSummary } from './summaries';

/**
 * Explains each workflow in the Temporal Web UI without touching its logic: watches what the workflow does
 * (its activities' code-only arguments, its timers, its children) and
 * - puts a one-line summary on every activity and timer ("approval deadline 2026-12-08 24:00, 10 working days"),
 * - gives each referral child its static summary and details,
 * - keeps the workflow's current details (stage, next deadline, who it waits for) up to date.
 * None of this is a command's content or order, so it changes nothing on replay. Registered in the workflow
 * bundle (`workflowInterceptorModules`, see worker/worker.ts).
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  const clocks = new Map<ClockId, ClockView>();
  let kind: 'case' | 'referral' | undefined;
  let stage: CaseStage | undefined;
  let pending: string[] = [];
  let department: string | undefined;
  let completed = false;

  const show = () => {
    const views = [...clocks.values()];
    if (kind === 'case') setCurrentDetails(currentDetails({ stage, waitingFor: caseWaitingFor(stage, pending), clocks: views }));
    if (kind === 'referral') setCurrentDetails(currentDetails({ stage: completed ? 'completed' : 'open', waitingFor: completed ? 'nobody (completed)' : `department ${department}: completion`, clocks: views }));
  };

  return {
    inbound: [
      {
        execute(input, next) {
          const arg = input.args[0] as Partial<CaseWorkflowInput & ReferralWorkflowInput>;
          if (arg?.department) {
            kind = 'referral';
            department = arg.department;
          } else if (arg?.referrals) {
            kind = 'case';
            pending = arg.referrals.map((r) => r.department);
          }
          show();
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleActivity(input, next) {
          const arg = input.args[0] as { clock?: ClockView; stage?: CaseStage };
          if (input.activityType === 'recordClock' && arg.clock) clocks.set(arg.clock.id, arg.clock);
          if (input.activityType === 'recordStage' && arg.stage) stage = arg.stage;
          if (input.activityType === 'recordReferralCompleted') completed = true;
          show();
          return next({ ...input, options: { ...input.options, summary: activitySummary(input.activityType, input.args) } });
        },
        startTimer(input, next) {
          const summary = input.options?.summary ?? timerSummary(Date.now() + input.durationMs, [...clocks.values()]);
          return next(summary ? { ...input, options: { ...input.options, summary } } : input);
        },
        startChildWorkflowExecution(input, next) {
          const arg = input.options.args?.[0] as ReferralWorkflowInput | undefined;
          const metadata = arg && input.workflowType === 'referralWorkflow' ? referralStartMetadata(arg) : {};
          return next({ ...input, options: { ...input.options, ...metadata } }).then(([started, result]) => {
            // Watched on the side: the workflow's own promise is handed back untouched, so its timing is unchanged.
            const settled = () => {
              pending = pending.filter((d) => d !== arg?.department);
              show();
            };
            result.then(settled, settled);
            return [started, result];
          });
        },
      },
    ],
  };
};
