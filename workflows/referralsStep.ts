import { executeChild, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { DepartmentCode } from '../domain/departments';
import { activities } from './activities';
import type { CaseEndingHandler } from './caseEnding';
import { referralCompletedSignal, referralWorkflowId, type CaseWorkflowInput, type ReferralPlan, type ReferralResult } from './messages';
import { referralWorkflow } from './referral';
import { referralFailed } from './referralFailure';
import { CaseNo, Department, PendingDepartments, SlaState, Stage, Township } from './searchAttributes';

/**
 * The referrals (转办) to the departments, each a child workflow with its own clock; a referral referred on (转介)
 * is followed by the new department's. `pending` holds the departments whose part is not done yet.
 */
export class ReferralsStep {
  readonly pending: Set<DepartmentCode>;

  constructor(private readonly input: CaseWorkflowInput) {
    this.pending = new Set(input.referrals.map((r) => r.department));
    setHandler(referralCompletedSignal, (result) => this.examined(result));
  }

  /** Starts every referral; the results, once all are done (the case's ending cancels those still open). */
  run(ending: CaseEndingHandler): Promise<ReferralResult[]> {
    return Promise.all(this.input.referrals.map((plan) => this.follow(plan, this.input.acceptedAt, ending))).then((results) => results.flat());
  }

  /** A department's part is done: told by the referral before it answers (new) or by its result (before). */
  private examined({ department }: ReferralResult): void {
    if (this.pending.delete(department)) upsertSearchAttributes([{ key: PendingDepartments, value: [...this.pending] }]);
  }

  private async follow(plan: ReferralPlan, acceptedAt: string, ending: CaseEndingHandler): Promise<ReferralResult[]> {
    const { caseNo, township, caseKey } = this.input;
    const result = await executeChild(referralWorkflow, {
      workflowId: referralWorkflowId(caseNo, plan.department),
      args: [{ ...plan, caseNo, township, acceptedAt }],
      ...(caseKey ? { memo: { caseKey } } : {}),
      typedSearchAttributes: [
        { key: CaseNo, value: caseNo },
        { key: Township, value: township },
        { key: Department, value: plan.department },
        { key: Stage, value: 'open' },
        { key: SlaState, value: 'on_track' },
      ],
    }).catch((err: unknown) => referralFailed(caseNo, plan.department, err));
    if (!result) return [];
    const next = result.referredOn && (await this.next(result.referredOn, ending));
    this.examined(result);
    return next ? [result, ...(await this.follow(next, next.acceptedAt, ending))] : [result];
  }

  /** The referral to follow next, unless the case is ending: then the new one is cancelled before it starts. */
  private async next(next: NonNullable<ReferralResult['referredOn']>, ending: CaseEndingHandler) {
    if (!ending.request) {
      this.pending.add(next.department);
      return next;
    }
    await activities.recordReferralCancelled({ caseNo: this.input.caseNo, department: next.department, ending: ending.request, at: new Date().toISOString() });
    return undefined;
  }
}
