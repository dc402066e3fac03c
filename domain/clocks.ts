import { addWorkingDays, beijingDayNumber, isoDate, isWorkingDay, type WorkingCalendar } from './calendar';
import type { NeedCode } from './needs';

/**
 * The law's time limits as clocks (DESIGN.md "Time limits"). A clock has a budget in its own unit — clock
 * hours or working days — counted from its start; pauses and extensions add to the budget, so the deadline is
 * always recomputable from (start, budget, calendar), which is what a calendar change does.
 */
export type ClockUnit = 'hours' | 'working_days';

export interface Amount {
  unit: ClockUnit;
  amount: number;
}

/** Who hears of a clock at each escalation level (the last one repeats). */
export type Recipient = 'department' | 'township' | 'county';

export interface ClockPolicy {
  length: Amount;
  /** The warning point, before the deadline, in the clock's unit. */
  warnBefore: number;
  /** How often a breached clock escalates again. */
  escalateEveryHours: number;
  escalateTo: Recipient[];
}

export const CASE_CLOCKS = ['approval', 'emergency_aid', 'emergency_paperwork'] as const;
export type CaseClock = (typeof CASE_CLOCKS)[number];
/** A case clock, `referral:<department>`, or `accept:<department>` (the department signs for its referral). */
export type ClockId = CaseClock | `referral:${string}` | `accept:${string}`;

/** The department a referral's clock (`referral:<d>`, `accept:<d>`) belongs to. */
export const departmentOfClock = (id: string): string | undefined => /^(?:referral|accept):(.+)$/.exec(id)?.[1];

/** A clock as its owner reports it: the projection in PostgreSQL and the case page show this. */
export interface ClockView {
  id: ClockId;
  sla: SlaState;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  provisional: boolean;
  paused: boolean;
  escalationLevel: number;
  budget: Amount;
  metAt?: string;
  late: boolean;
}

export const SLA_STATES = ['on_track', 'warning', 'breached', 'met'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Needs whose approval must come within the approval clock (003 §15: 低保、特困、支出型临时救助). */
export const APPROVAL_NEEDS: readonly NeedCode[] = ['dibao', 'tekun', 'temporary_expense'];

/** Defaults, overridable per county (and per programme or department) in the time_limits table. */
export const DEFAULT_POLICIES: Record<CaseClock | 'referral', ClockPolicy> = {
  approval: { length: { unit: 'working_days', amount: 10 }, warnBefore: 2, escalateEveryHours: 24, escalateTo: ['county'] },
  emergency_aid: { length: { unit: 'hours', amount: 24 }, warnBefore: 4, escalateEveryHours: 1, escalateTo: ['county'] },
  emergency_paperwork: { length: { unit: 'working_days', amount: 5 }, warnBefore: 1, escalateEveryHours: 24, escalateTo: ['township', 'county'] },
  referral: { length: { unit: 'working_days', amount: 5 }, warnBefore: 1, escalateEveryHours: 24, escalateTo: ['department', 'township', 'county'] },
};

export interface ClockTimes {
  dueAt: Date;
  warnAt: Date;
  provisional: boolean;
}

const HOUR_MS = 3_600_000;

/** When a clock that started at `start` with `budget` warns and falls due. */
export function clockTimes(start: Date, budget: Amount, warnBefore: number, calendar: WorkingCalendar): ClockTimes {
  if (budget.unit === 'hours') {
    const dueAt = new Date(start.getTime() + budget.amount * HOUR_MS);
    return { dueAt, warnAt: new Date(dueAt.getTime() - warnBefore * HOUR_MS), provisional: false };
  }
  const due = addWorkingDays(start, budget.amount, calendar);
  const warnDays = budget.amount - warnBefore;
  const warnAt = warnDays >= 1 ? addWorkingDays(start, warnDays, calendar).dueAt : start;
  return { dueAt: due.dueAt, warnAt, provisional: due.provisional };
}

/** Working days that begin while a clock is paused: the days d with day(from) < d <= day(to), Beijing time. */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let count = 0;
  for (let day = beijingDayNumber(from) + 1; day <= beijingDayNumber(to); day += 1) {
    const date = isoDate(day);
    if (isWorkingDay(date, calendar(Number(date.slice(0, 4))))) count += 1;
  }
  return count;
}

/** The SLA state at `now` of a clock that is not met. */
export function slaAt(now: number, times: { dueAt: string | Date; warnAt: string | Date }): Exclude<SlaState, 'met'> {
  if (now >= new Date(times.dueAt).getTime()) return 'breached';
  if (now >= new Date(times.warnAt).getTime()) return 'warning';
  return 'on_track';
}

/** The state a workflow shows for several clocks: the worst open one; `met` when all are met. */
export function worstSla(states: readonly SlaState[]): SlaState {
  for (const state of ['breached', 'warning', 'on_track'] as const) if (states.includes(state)) return state;
  return 'met';
}

/** Extensions come in the clock's own unit: whole working days, or clock hours in steps of half an hour. */
export const HOUR_EXTENSION_STEP = 0.5;

/** Why `amount` cannot extend a clock counted in `unit` (bilingual), or undefined when it can. */
export function extensionProblem(unit: ClockUnit, amount: number): string | undefined {
  if (!(Number.isFinite(amount) && amount > 0)) return '延长量须为正数 (an extension must be positive)';
  if (unit === 'working_days' && !Number.isInteger(amount)) return '按工作日计算的时限只能延长整数个工作日 (a working-day time limit extends by whole working days)';
  if (unit === 'hours' && !Number.isInteger(amount / HOUR_EXTENSION_STEP)) return '按小时计算的时限以半小时为单位延长 (an hour time limit extends in steps of half an hour)';
  return undefined;
}

/** Why a clock cannot run on `budget` (bilingual), or undefined when it can: the activities' input check. */
export function budgetProblem(budget: Amount): string | undefined {
  if (!(Number.isFinite(budget.amount) && budget.amount > 0)) return `时限须为正数 (a time limit must be positive; got ${budget.amount})`;
  if (budget.unit === 'working_days' && !Number.isInteger(budget.amount)) return `工作日时限须为整数 (working days must be whole; got ${budget.amount})`;
  if (budget.unit !== 'working_days' && budget.unit !== 'hours') return `未知的时限单位 (unknown unit ${String(budget.unit)})`;
  return undefined;
}
