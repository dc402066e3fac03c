import { condition, patched } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { slaAt, SLA_STATES, type Amount, type ClockId, type ClockPolicy, type SlaState } from '../domain/clocks';
import { activities } from './activities';
import type { Act, ClockView } from './messages';
import { refuse } from './refuse';

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const rank = (state: SlaState) => SLA_STATES.indexOf(state);
const SYSTEM: Act = { actor: 'system' };
/** Patch: people's changes to a clock run one at a time (before it, concurrent extensions overwrote each other). */
const SERIALISED = 'clock-changes-serialised';
/**
 * A breached clock escalates this many times, then stays breached (and listed overdue) without further timers,
 * so that a history stays bounded (an emergency clock would otherwise escalate every hour for ever).
 */
export const MAX_ESCALATIONS = 24;
/** Patch: escalations stop at MAX_ESCALATIONS (before it, they never stopped). */
const ESCALATION_CAP = 'clock-escalations-capped';

interface Step {
  at: number;
  kind: 'warning' | 'breach' | 'escalation';
}

/**
 * One time limit inside a workflow: warns, breaches and escalates on durable timers until it is met; can be
 * paused, extended and re-timed (the updatable-timer pattern). Every transition is recorded by an activity
 * (case event, clock projection, notification) and reported to the owner, which keeps its search attributes current.
 */
export class Clock {
  private changed = false;
  private seq = 0;
  private pausedAt?: number;
  private readonly changes = new Mutex();

  private constructor(
    private readonly caseNo: string,
    private policy: ClockPolicy,
    private view: ClockView,
    private readonly onChange: () => void,
  ) {}

  /**
   * Computes the deadlines, enters the clock in its owner's `clocks` (before its start is on record, so that
   * whoever sees it recorded can already act on it), and records the start.
   */
  static async start(clocks: Map<ClockId, Clock>, caseNo: string, id: ClockId, policy: ClockPolicy, startedAt: string, onChange: () => void): Promise<Clock> {
    const times = await activities.computeClockTimes({ startedAt, budget: policy.length, warnBefore: policy.warnBefore });
    const view: ClockView = { id, sla: 'on_track', startedAt, ...times, paused: false, escalationLevel: 0, budget: policy.length, late: false };
    const clock = new Clock(caseNo, policy, view, onChange);
    clocks.set(id, clock);
    await clock.record('clock_started', { dueAt: times.dueAt, provisional: times.provisional });
    return clock;
  }

  get snapshot(): ClockView {
    return { ...this.view };
  }

  get isMet(): boolean {
    return this.view.metAt !== undefined;
  }

  /** Throws the reason why `action` cannot be taken now; for update validators. */
  check(action: 'meet' | 'pause' | 'resume' | 'extend'): void {
    if (this.isMet) throw refuse('clock_met', '该时限已结束 (this time limit is already met)');
    if (action === 'pause' && this.view.paused) throw refuse('clock_paused', '该时限已暂停 (this time limit is already paused)');
    if (action === 'resume' && !this.view.paused) throw refuse('clock_not_paused', '该时限未暂停 (this time limit is not paused)');
  }

  /** The goal is reached; late when after the deadline. */
  meet(act: Act): Promise<{ late: boolean }> {
    return this.oneAtATime('meet', () => this.meetNow(act));
  }

  pause(reasonCipher: string, act: Act): Promise<void> {
    return this.oneAtATime('pause', () => this.pauseNow(reasonCipher, act));
  }

  resume(reasonCipher: string, act: Act): Promise<void> {
    return this.oneAtATime('resume', () => this.resumeNow(reasonCipher, act));
  }

  extend(by: number, reasonCipher: string, act: Act): Promise<void> {
    return this.oneAtATime('extend', () => this.retime({ ...this.view.budget, amount: this.view.budget.amount + by }, 'clock_extended', { reasonCipher, by }, act));
  }

  /** The calendar changed: a working-day clock recomputes its deadline. */
  recalculate(year: number): Promise<void> {
    return this.oneAtATime(undefined, async () => {
      if (this.isMet || this.view.budget.unit !== 'working_days') return;
      await this.retime(this.view.budget, 'clock_retimed', { calendarYear: year }, SYSTEM);
    });
  }

  /**
   * Changes await activities, so two at once would both start from the same state (a lost extension): each waits
   * for the one before, then checks again whether it may still be taken (refused ones fail the update: 409).
   */
  private oneAtATime<T>(action: Parameters<Clock['check']>[0] | undefined, change: () => Promise<T>): Promise<T> {
    if (!patched(SERIALISED)) return change();
    return this.changes.runExclusive(() => {
      if (action) this.check(action);
      return change();
    });
  }

  private async meetNow(act: Act): Promise<{ late: boolean }> {
    const now = Date.now();
    this.view = { ...this.view, sla: 'met', metAt: iso(now), late: now >= Date.parse(this.view.dueAt), paused: false };
    this.changed = true;
    await this.record('clock_met', { late: this.view.late }, act);
    return { late: this.view.late };
  }

  /** The clock's goal went away (the case ended early): it stops without being late, and no longer escalates. */
  stop(act: Act): Promise<void> {
    return this.oneAtATime(undefined, async () => {
      if (this.isMet) return;
      this.view = { ...this.view, sla: 'met', metAt: iso(Date.now()), late: false, paused: false };
      this.changed = true;
      await this.record('clock_stopped', {}, act);
    });
  }

  private async pauseNow(reasonCipher: string, act: Act): Promise<void> {
    this.pausedAt = Date.now();
    this.view = { ...this.view, paused: true };
    this.changed = true;
    await this.record('clock_paused', { reasonCipher }, act);
  }

  /** Ends a pause: the hours, or the working days, that began while paused are added to the budget. */
  private async resumeNow(reasonCipher: string, act: Act): Promise<void> {
    const { unit, amount } = this.view.budget;
    const from = this.pausedAt!;
    this.pausedAt = undefined;
    this.view = { ...this.view, paused: false };
    const pausedFor =
      unit === 'hours' ? (Date.now() - from) / HOUR_MS : await activities.workingDaysBetween({ from: iso(from), to: iso(Date.now()) });
    await this.retime({ unit, amount: amount + pausedFor }, 'clock_resumed', { reasonCipher, pausedFor }, act);
  }

  /**
   * The county changed this clock's time limit and asked to re-time: the new length replaces the old one, and what
   * pauses and extensions added stays added (unless the unit changed: then the new length alone counts). The same
   * policy told twice (a retried delivery) changes nothing the second time.
   */
  adopt(policy: ClockPolicy, settingsVersion: number): Promise<void> {
    return this.oneAtATime(undefined, async () => {
      if (this.isMet || JSON.stringify(policy) === JSON.stringify(this.policy)) return;
      const { budget } = this.view;
      const added = budget.unit === this.policy.length.unit ? budget.amount - this.policy.length.amount : 0;
      this.policy = policy;
      await this.retime({ unit: policy.length.unit, amount: policy.length.amount + added }, 'clock_policy_changed', { settingsVersion }, SYSTEM);
    });
  }

  /** Runs until the clock is met, warning, breaching and escalating on the way. */
  async run(): Promise<void> {
    while (!this.isMet) {
      if (this.view.paused) {
        await this.waitForChange();
        continue;
      }
      const step = this.nextStep();
      if (step.kind === 'escalation' && this.view.escalationLevel >= MAX_ESCALATIONS && patched(ESCALATION_CAP)) {
        await this.waitForChange();
        continue;
      }
      const wait = step.at - Date.now();
      if (wait > 0 && (await this.waitForChange(wait))) continue;
      if (!this.isMet) await this.advance(step);
    }
  }

  private nextStep(): Step {
    if (this.view.sla === 'on_track') return { at: Date.parse(this.view.warnAt), kind: 'warning' };
    if (this.view.sla === 'warning') return { at: Date.parse(this.view.dueAt), kind: 'breach' };
    return { at: Date.parse(this.view.dueAt) + this.view.escalationLevel * this.policy.escalateEveryHours * HOUR_MS, kind: 'escalation' };
  }

  private async advance(planned: Step): Promise<void> {
    // After a long sleep (a worker outage, a case accepted long ago) the clock catches up in one step:
    // straight to the breach, and to the escalation level that is due now.
    const overdueMs = Date.now() - Date.parse(this.view.dueAt);
    const step: Step = planned.kind === 'warning' && overdueMs >= 0 ? { ...planned, kind: 'breach' } : planned;
    const dueLevel = overdueMs >= 0 ? Math.floor(overdueMs / (this.policy.escalateEveryHours * HOUR_MS)) + 1 : 0;
    const level = step.kind === 'warning' ? 0 : Math.max(this.view.escalationLevel + 1, dueLevel);
    const recipients = this.policy.escalateTo;
    const recipient = recipients[Math.min(Math.max(level - 1, 0), recipients.length - 1)];
    this.view = { ...this.view, sla: step.kind === 'warning' ? 'warning' : 'breached', escalationLevel: level };
    const type = { warning: 'clock_warning', breach: 'clock_breached', escalation: 'clock_escalated' }[step.kind];
    await this.record(type, { level, recipient, dueAt: this.view.dueAt }, SYSTEM, { kind: step.kind, level, recipient });
  }

  /** True when woken by a change (or the clock being met), false when `ms` passed. */
  private async waitForChange(ms?: number): Promise<boolean> {
    const woken = ms === undefined ? (await condition(() => this.changed || this.isMet), true) : await condition(() => this.changed || this.isMet, ms);
    this.changed = false;
    return woken;
  }

  private async retime(budget: Amount, type: string, detail: Record<string, unknown>, act: Act): Promise<void> {
    const times = await activities.computeClockTimes({ startedAt: this.view.startedAt, budget, warnBefore: this.policy.warnBefore });
    const dueAtBefore = this.view.dueAt;
    // A later deadline can take a clock back (breached → warning → on track); moving forward is run()'s job,
    // so that every warning and breach is announced.
    const now = slaAt(Date.now(), times);
    const sla = rank(now) < rank(this.view.sla) ? now : this.view.sla;
    this.view = { ...this.view, ...times, budget, sla, escalationLevel: sla === 'breached' ? this.view.escalationLevel : 0 };
    this.changed = true;
    await this.record(type, { ...detail, dueAtBefore, dueAt: times.dueAt, provisional: times.provisional }, act);
  }

  private async record(
    type: string,
    detail: Record<string, unknown>,
    act: Act = SYSTEM,
    notification?: { kind: Step['kind']; level: number; recipient: string },
  ): Promise<void> {
    this.seq += 1;
    await activities.recordClock({ caseNo: this.caseNo, seq: this.seq, clock: this.snapshot, event: { type, detail, actor: act.actor, requestId: act.requestId }, notification });
    this.onChange();
  }
}
