import { condition, patched, setHandler } from '@temporalio/workflow';
import type { Act } from '../domain/acts';
import type { ClockId } from '../domain/clocks';
import { activities } from './activities';
import { Clock } from './clock';
import type { ReferralState, ReferralWorkflowInput } from './messages';
import { acceptReferralUpdate, endReferralSignal, referOnUpdate, resendReferralUpdate, returnReferralUpdate } from './referralLoopMessages';
import { refuse } from './refuse';
import { publishSla } from './slaAttributes';

/**
 * The referral loop inside one referral workflow (首问负责, 转介): the department signs for the referral within
 * its accept clock, returns it to the window (its referral clock pauses until the window re-sends it), or refers
 * it on to another department (this referral ends as `referred_on`, the case starts the new one); a case that
 * ends early cancels it and stops its clocks. Department actions are taken one at a time.
 */
export class ReferralLoop {
  private readonly acceptId: ClockId;
  private readonly referralId: ClockId;
  /** A department action is under way: another one waits for its answer (409 referral_busy). */
  private acting = false;
  private pausedByReturn = false;
  private steps = 0;
  private readonly running: Promise<void>[] = [];

  constructor(
    private readonly input: ReferralWorkflowInput,
    private readonly state: ReferralState,
    private readonly clocks: Map<ClockId, Clock>,
    /** The department's completion has begun (referral.ts): it ends the referral. */
    private readonly completing: () => boolean,
  ) {
    this.acceptId = `accept:${input.department}`;
    this.referralId = `referral:${input.department}`;
    this.handle();
  }

  /** Starts the accept clock, in referrals that have one (those started since the loop exists). */
  async startAcceptClock(): Promise<void> {
    if (!this.input.acceptPolicy || !patched('referral-accept-clock')) return;
    const clock = await Clock.start(this.clocks, this.input.caseNo, this.acceptId, this.input.acceptPolicy, this.input.acceptedAt, () => publishSla(this.clocks.values()));
    this.running.push(clock.run());
  }

  /** Until the accept clock has stopped running (it is met by any department action, or stopped with the case). */
  async finished(): Promise<void> {
    await Promise.all(this.running);
  }

  /** Why a department may not complete the referral now; for the completion's validator. */
  refuseCompletion(): void {
    if (this.state.status === 'cancelled') throw caseClosed();
    if (this.state.status === 'referred_on') throw refuse('referral_referred_on', '该转办事项已转介其他部门 (this referral was referred on)');
    if (this.state.status === 'returned') throw refuse('referral_returned', '该转办事项已退回窗口，待重新转办 (this referral is back at the window)');
    if (this.acting) throw busy();
  }

  /** Any action of the department signs for the referral: the accept clock is met. */
  async signedFor(act: Act): Promise<void> {
    const accept = this.clocks.get(this.acceptId);
    if (accept && !accept.isMet) await accept.meet(act);
  }

  private get referralClock(): Clock {
    return this.clocks.get(this.referralId)!;
  }

  private step() {
    this.steps += 1;
    return { caseNo: this.input.caseNo, department: this.input.department, step: this.steps, at: new Date().toISOString() };
  }

  /** Runs a department's (or the window's) action once the clocks run, one at a time. */
  private async act<T>(body: () => Promise<T>): Promise<T> {
    this.acting = true;
    try {
      await condition(() => this.clocks.has(this.referralId));
      return await body();
    } finally {
      this.acting = false;
    }
  }

  private expect(...statuses: ReferralState['status'][]): void {
    if (this.state.status === 'cancelled') throw caseClosed();
    if (this.completing()) throw refuse('referral_already_completed', '该转办事项已办结 (this referral is already completed)');
    if (this.acting || this.state.result) throw busy();
    if (!statuses.includes(this.state.status)) throw refuse('referral_wrong_status', `该转办事项当前状态为 ${this.state.status}，不能执行此操作 (not possible while the referral is ${this.state.status})`);
  }

  private handle(): void {
    setHandler(
      acceptReferralUpdate,
      (act) =>
        this.act(async () => {
          await this.signedFor(act);
          await activities.recordReferralAccepted({ ...this.step(), act });
          this.state.status = 'accepted';
          return { status: this.state.status };
        }),
      { validator: (_act) => this.expect('open') },
    );

    setHandler(
      returnReferralUpdate,
      (act) =>
        this.act(async () => {
          await this.signedFor(act);
          // The time the referral spends back at the window is not the department's: its clock pauses.
          if (!this.referralClock.snapshot.paused) {
            await this.referralClock.pause(act.reasonCipher, act);
            this.pausedByReturn = true;
          }
          await activities.recordReferralReturned({ ...this.step(), act });
          this.state.status = 'returned';
          return { status: this.state.status };
        }),
      { validator: (_act) => this.expect('open', 'accepted') },
    );

    setHandler(
      resendReferralUpdate,
      (act) =>
        this.act(async () => {
          if (this.pausedByReturn) await this.referralClock.resume(act.reasonCipher, act);
          this.pausedByReturn = false;
          await activities.recordReferralResent({ ...this.step(), act });
          this.state.status = 'open';
          return { status: this.state.status };
        }),
      { validator: (_act) => this.expect('returned') },
    );

    setHandler(
      referOnUpdate,
      (referOn) =>
        this.act(async () => {
          await this.signedFor(referOn);
          if (!this.referralClock.isMet) await this.referralClock.meet(referOn);
          const step = this.step();
          await activities.recordReferredOn({ ...step, referOn });
          this.state.status = 'referred_on';
          const { to, policy } = referOn;
          this.state.result = { department: this.input.department, completedAt: step.at, referredOn: { department: to, policy, acceptPolicy: this.input.acceptPolicy, acceptedAt: step.at } };
          return { status: this.state.status };
        }),
      {
        validator: ({ to }) => {
          this.expect('open', 'accepted');
          if (to === this.input.department) throw refuse('refer_on_to_itself', '不能转介给本部门 (a referral cannot be referred on to its own department)');
        },
      },
    );

    setHandler(endReferralSignal, async (ending) => {
      // Once its clocks run (a case may end while its referrals are still starting), and no action is under way.
      await condition(() => this.clocks.has(this.referralId) && !this.acting && (!this.completing() || this.state.result !== undefined));
      if (this.state.result) return;
      this.state.status = 'cancelled';
      for (const clock of this.clocks.values()) if (!clock.isMet) await clock.stop(ending);
      const at = new Date().toISOString();
      await activities.recordReferralCancelled({ caseNo: this.input.caseNo, department: this.input.department, ending, at });
      this.state.result = { department: this.input.department, completedAt: at, cancelled: true };
    });
  }
}

export const caseClosed = () => refuse('case_closed', '案件已撤回或终止 (the case was withdrawn or terminated)');
const busy = () => refuse('referral_busy', '该转办事项正在处理另一操作，请稍后重试 (another action on this referral is under way; retry shortly)');
