import { condition, setHandler } from '@temporalio/workflow';
import type { Decision, ReasonedAct } from '../domain/acts';
import type { ApprovalLevel, ReviewPlan } from '../domain/review';
import { activities } from './activities';
import type { CaseEndingHandler } from './caseEnding';
import { escalateReviewUpdate, raiseObjectionUpdate } from './messages';
import { refuse } from './refuse';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A proposed approval in its public notice (公示). */
interface Notice {
  round: number;
  decision: Decision;
  late: boolean;
  endsAt: string;
}

/**
 * The review of a case with a review plan (domain/review.ts): who decides — the township unless it passed the
 * case up (提级) —, the home investigation the decision needs (again after an objection), and the public notice
 * an approval goes through: a durable timer of the plan's days; an objection sends the case back to
 * investigation and review; a notice that ends without one makes the approval final (`final`).
 */
export class Review {
  approver: ApprovalLevel;
  notice?: Notice;
  /** Objections so far: each ended a notice round, so the next round is one more. */
  private objections = 0;

  constructor(
    private readonly caseNo: string,
    private readonly plan: ReviewPlan,
    private readonly ending: CaseEndingHandler,
    /** The proposal fell to an objection: the case needs a decision again. */
    private readonly reopened: () => void,
    /** The decision is final: on record as the case's decision. */
    private readonly final: (decision: Decision, late: boolean) => Promise<void>,
    /** For the notice's timer to wait on the workflow's other work. */
    private readonly running: Promise<void>[],
  ) {
    this.approver = plan.approver;
    setHandler(escalateReviewUpdate, (escalation) => this.escalate(escalation), { validator: (_escalation) => this.refuseEscalation() });
    setHandler(raiseObjectionUpdate, (objection) => this.object(objection), { validator: (_objection) => this.refuseObjection() });
  }

  get noticeOpen(): boolean {
    return this.notice !== undefined;
  }

  /** For the decision's validator: the approving level decides, after the home investigation it needs. */
  refuseDecision(made: Decision): void {
    if (made.by !== this.approver) {
      throw this.approver === 'county'
        ? refuse('not_approver', '本案由县级民政部门审批 (the county decides this case)')
        : refuse('not_approver', '本案由乡镇（街道）审批 (the township decides this case)');
    }
    if (!this.plan.investigation) return;
    if (made.investigatedInRound === undefined) throw refuse('investigation_required', '须先完成入户调查 (a home investigation must be recorded first)');
    if (made.investigatedInRound < this.objections) {
      throw refuse('investigation_required', '公示期间有异议，须重新入户调查 (after an objection, a new home investigation must be recorded)');
    }
  }

  /** An approval that needs a notice opens one and answers its end; otherwise the decision is final now. */
  async decide(made: Decision, late: boolean): Promise<{ noticeEndsAt?: string }> {
    if (made.decision === 'reject' || this.plan.noticeDays === 0) {
      await this.final(made, late);
      return {};
    }
    const round = this.objections + 1;
    const at = new Date();
    const endsAt = new Date(at.getTime() + this.plan.noticeDays * DAY_MS).toISOString();
    await activities.openPublicNotice({ caseNo: this.caseNo, round, decision: made, late, at: at.toISOString(), endsAt });
    const notice: Notice = { round, decision: made, late, endsAt };
    this.notice = notice;
    this.running.push(this.runNotice(notice));
    return { noticeEndsAt: endsAt };
  }

  private async runNotice(notice: Notice): Promise<void> {
    const interrupted = await condition(() => this.notice !== notice || this.ending.request !== undefined, Date.parse(notice.endsAt) - Date.now());
    if (this.notice !== notice) return; // an objection: recorded by its handler
    const at = new Date().toISOString();
    if (interrupted) {
      await activities.closePublicNotice({ caseNo: this.caseNo, round: notice.round, outcome: 'cancelled', at });
      return;
    }
    await activities.closePublicNotice({ caseNo: this.caseNo, round: notice.round, outcome: 'passed', at });
    await this.final(notice.decision, notice.late);
    this.notice = undefined;
  }

  private refuseEscalation(): void {
    this.ending.refuseIfEnded();
    if (this.approver === 'county') throw refuse('already_county', '本案已由县级审批 (the county already decides this case)');
    if (this.notice) throw refuse('notice_running', '拟批准决定正在公示 (the proposed approval is in its public notice)');
  }

  private async escalate(escalation: ReasonedAct): Promise<{ approver: ApprovalLevel }> {
    this.approver = 'county';
    await activities.recordReviewEscalated({ caseNo: this.caseNo, escalation, at: new Date().toISOString() });
    return { approver: this.approver };
  }

  private refuseObjection(): void {
    this.ending.refuseIfEnded();
    if (!this.notice || Date.now() >= Date.parse(this.notice.endsAt)) throw refuse('no_open_notice', '本案没有正在进行的公示 (this case has no public notice running)');
  }

  private async object(objection: ReasonedAct): Promise<{ noticeRound: number }> {
    const { round } = this.notice!;
    this.notice = undefined;
    this.objections += 1;
    this.reopened();
    await activities.recordObjection({ caseNo: this.caseNo, round, objection, at: new Date().toISOString() });
    return { noticeRound: round };
  }
}
