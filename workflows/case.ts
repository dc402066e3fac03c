import { executeChild, log, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CaseStage } from '../domain/stages';
import { activities } from './activities';
import { caseStatusQuery, referralWorkflowId, type CaseWorkflowInput, type ReferralResult } from './messages';
import { referralWorkflow } from './referral';
import { CaseNo, Department, PendingDepartments, SlaDeadline, SlaState, Stage, Township } from './searchAttributes';

export interface CaseResult {
  caseNo: string;
  stage: CaseStage;
  referrals: ReferralResult[];
}

/**
 * The whole life of one application, from the window's intake to closure. Workflow ID `case-<caseNo>`.
 * Intake (persons, case, referral rows) is written by the API before this starts; here the process runs.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseResult> {
  let stage: CaseStage = 'referral';
  const pending = new Set(input.referrals.map((r) => r.department));
  setHandler(caseStatusQuery, () => ({ stage, pendingDepartments: [...pending] }));

  const enterStage = async (next: CaseStage) => {
    stage = next;
    upsertSearchAttributes([{ key: Stage, value: next }]);
    await activities.recordStage({ caseNo: input.caseNo, stage: next, at: new Date().toISOString() });
  };

  await enterStage('referral');
  const referrals = await Promise.all(
    input.referrals.map(async (plan) => {
      const result = await executeChild(referralWorkflow, {
        workflowId: referralWorkflowId(input.caseNo, plan.department),
        args: [{ ...plan, caseNo: input.caseNo, township: input.township }],
        typedSearchAttributes: [
          { key: CaseNo, value: input.caseNo },
          { key: Township, value: input.township },
          { key: Department, value: plan.department },
          { key: Stage, value: 'open' },
          { key: SlaState, value: 'on_track' },
          { key: SlaDeadline, value: new Date(plan.dueAt) },
        ],
      });
      pending.delete(plan.department);
      upsertSearchAttributes([{ key: PendingDepartments, value: [...pending] }]);
      return result;
    }),
  );

  upsertSearchAttributes([{ key: SlaState, value: 'met' }]);
  await enterStage('closed');
  log.info('case closed', { caseNo: input.caseNo, workflowId: workflowInfo().workflowId });
  return { caseNo: input.caseNo, stage, referrals };
}
