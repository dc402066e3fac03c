import { setHandler } from '@temporalio/workflow';
import type { Decision } from '../domain/acts';
import type { DepartmentCode } from '../domain/departments';
import { activities } from './activities';
import type { CaseEndingHandler } from './caseEnding';
import type { Clock } from './clock';
import { decideUpdate, type CaseWorkflowInput } from './messages';
import { refuse } from './refuse';
import { Review } from './review';

/**
 * The approval (审批) within its working-day clock, after the civil-affairs examination: at once by the county for
 * cases started before the review plan; otherwise by the plan's level, after its home visit and through its public
 * notice (workflows/review.ts).
 */
export class DecisionStep {
  /** The decision made, proposed or final; cleared when an objection sends the case back. */
  decision?: Decision;
  /** Set once the decision is on record, so that the stage moves on after it, never before. */
  recorded = false;
  private readonly review?: Review;

  constructor(
    private readonly input: CaseWorkflowInput,
    private readonly pending: ReadonlySet<DepartmentCode>,
    private readonly ending: CaseEndingHandler,
    private readonly clock: (id: 'approval') => Clock,
    running: Promise<void>[],
  ) {
    this.review = input.review && new Review(input.caseNo, input.review, ending, () => void (this.decision = undefined), (made, late) => this.recordFinal(made, late), running);
    setHandler(decideUpdate, (made) => this.decide(made), { validator: (made) => this.refuse(made) });
  }

  get noticeOpen(): boolean {
    return this.review?.noticeOpen ?? false;
  }

  private refuse(made: Decision): void {
    // A decision retried after the one that closed the case is told so, not that the case is closed.
    if (this.decision) throw refuse('already_decided', '本案已作出审批决定 (this case has already been decided)');
    this.ending.refuseIfEnded();
    if (!this.input.clocks.approval) throw refuse('decision_not_required', '本案不需要审批决定 (this case needs no approval decision)');
    if (this.pending.has('civil_affairs')) throw refuse('examination_pending', '民政审核尚未办结，暂不能审批 (the civil-affairs examination is not completed yet)');
    if (this.review) this.review.refuseDecision(made);
    else if (made.by === 'township') throw refuse('not_approver', '本案由县级民政部门审批 (the county decides this case)');
    this.clock('approval');
  }

  private async decide(made: Decision): Promise<{ late: boolean; noticeEndsAt?: string }> {
    this.decision = made;
    const approval = this.clock('approval');
    // A decision again after an objection: the approval clock was met by the first.
    const { late } = approval.isMet ? approval.snapshot : await approval.meet(made);
    if (this.review) return { late, ...(await this.review.decide(made, late)) };
    await this.recordFinal(made, late);
    return { late };
  }

  private async recordFinal(made: Decision, late: boolean): Promise<void> {
    await activities.recordDecision({ caseNo: this.input.caseNo, decision: made, late, at: new Date().toISOString() });
    this.recorded = true;
  }
}
