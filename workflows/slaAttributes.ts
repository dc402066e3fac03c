import { upsertSearchAttributes } from '@temporalio/workflow';
import { worstSla } from '../domain/clocks';
import type { Clock } from './clock';
import { SlaDeadline, SlaState } from './searchAttributes';

/** Keeps `SlaState` (the worst clock) and `SlaDeadline` (the earliest open deadline) of this workflow current. */
export function publishSla(clocks: Iterable<Clock>): void {
  const views = [...clocks].map((c) => c.snapshot);
  const open = views.filter((v) => v.sla !== 'met').map((v) => Date.parse(v.dueAt));
  upsertSearchAttributes([
    { key: SlaState, value: worstSla(views.map((v) => v.sla)) },
    ...(open.length > 0 ? [{ key: SlaDeadline, value: new Date(Math.min(...open)) }] : []),
  ]);
}
