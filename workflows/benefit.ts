import { continueAsNew, log, sleep, workflowInfo } from '@temporalio/workflow';
import { monthStart, nextMonth } from '../domain/months';
import { activities } from './activities';
import type { BenefitWorkflowInput } from './messages';

export interface BenefitResult {
  caseNo: string;
  /** The last month the run reached: paid, or, when `stopped`, the first month not paid. */
  lastMonth: string;
  stopped?: boolean;
}

/**
 * The monthly benefit of one approved household (社会化发放). Workflow ID `benefit-<caseNo>`. Each run pays
 * one month — at 00:00 Beijing time on its first day, at once for a month already begun — and continues as new
 * with the next, so that the history of a benefit paid for years stays one month long. The payment row is
 * unique per case and month in PostgreSQL: a retried activity, a worker that died mid-payment or an
 * overlapping run finds the month paid and writes nothing. A stop (应退尽退) from a month on ends it there, unpaid;
 * a change of amount is read by the payment of each month.
 */
export async function benefitWorkflow(input: BenefitWorkflowInput): Promise<BenefitResult> {
  const wait = monthStart(input.month).getTime() - Date.now();
  if (wait > 0) await sleep(wait);
  const paid = await activities.payBenefitMonth({ caseNo: input.caseNo, month: input.month, runId: workflowInfo().runId, at: new Date().toISOString() });
  // Stopped from this month on (应退尽退): nothing is paid, the benefit ends. (Runs recorded before stops existed never see it.)
  if (paid.stopped) {
    log.info('benefit stopped', { caseNo: input.caseNo, month: input.month });
    return { caseNo: input.caseNo, lastMonth: input.month, stopped: true };
  }
  log.info('benefit month paid', { caseNo: input.caseNo, month: paid.month, firstTime: paid.firstTime });
  if (input.endMonth !== null && input.month >= input.endMonth) return { caseNo: input.caseNo, lastMonth: input.month };
  return continueAsNew<typeof benefitWorkflow>({ ...input, month: nextMonth(input.month) });
}
