import { patched, setHandler } from '@temporalio/workflow';
import { extensionProblem, type ClockId } from '../domain/clocks';
import type { Clock } from './clock';
import { calendarChangedSignal, extendClockUpdate, pauseClockUpdate, policyChangedSignal, resumeClockUpdate } from './messages';
import { refuse } from './refuse';

/**
 * The handlers every clock-owning workflow shares: pause, resume and extend a clock by its id (validated, so a
 * wrong request is refused before it enters history), re-time working-day clocks when the calendar changes, and
 * take a new time limit when the county's settings change with re-timing.
 */
export function handleClockMessages(clocks: ReadonlyMap<ClockId, Clock>): void {
  const find = (id: ClockId, action: 'pause' | 'resume' | 'extend'): Clock => {
    const clock = clocks.get(id);
    if (!clock) throw refuse('unknown_clock', `本案没有运行中的时限 ${id} (no running time limit ${id} in this case)`);
    clock.check(action);
    return clock;
  };
  setHandler(pauseClockUpdate, async ({ clock, reasonCipher, ...act }) => {
    await clocks.get(clock)!.pause(reasonCipher, act);
    return clocks.get(clock)!.snapshot;
  }, { validator: ({ clock }) => void find(clock, 'pause') });
  setHandler(resumeClockUpdate, async ({ clock, reasonCipher, ...act }) => {
    await clocks.get(clock)!.resume(reasonCipher, act);
    return clocks.get(clock)!.snapshot;
  }, { validator: ({ clock }) => void find(clock, 'resume') });
  setHandler(extendClockUpdate, async ({ clock, amount, reasonCipher, ...act }) => {
    await clocks.get(clock)!.extend(amount, reasonCipher, act);
    return clocks.get(clock)!.snapshot;
  }, { validator: ({ clock, amount }) => {
    const problem = extensionProblem(find(clock, 'extend').snapshot.budget.unit, amount);
    if (problem) throw refuse('invalid_extension', problem);
  } });
  setHandler(calendarChangedSignal, async ({ year }) => {
    for (const clock of clocks.values()) await clock.recalculate(year);
  });
  setHandler(policyChangedSignal, async ({ settingsVersion, clocks: changes }) => {
    // A workflow that received this signal before the handler existed ignored it: so it does on replay.
    if (!patched('policy-changed-signal')) return;
    for (const { clock, policy } of changes) await clocks.get(clock)?.adopt(policy, settingsVersion);
  });
}
