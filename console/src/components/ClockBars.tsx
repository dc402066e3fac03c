import type { CaseView, Clock } from '../api';
import { formatTime, useT } from '../i18n';
import { clockLabel, eventLabel } from '../labels';
import { SlaBadge } from './ui';

type TimelineEvent = CaseView['timeline'][number];

const MARKED = ['clock_warning', 'clock_breached', 'clock_escalated', 'clock_extended', 'clock_retimed'];

/** The pauses of one clock, from its paused and resumed events (a pause still running ends now). */
function pausesOf(clock: string, events: TimelineEvent[], now: number): { from: number; to: number }[] {
  const pauses: { from: number; to: number }[] = [];
  let from: number | null = null;
  for (const e of events) {
    if (e.detail.clock !== clock) continue;
    if (e.type === 'clock_paused') from = Date.parse(e.occurredAt);
    if (e.type === 'clock_resumed' && from !== null) {
      pauses.push({ from, to: Date.parse(e.occurredAt) });
      from = null;
    }
  }
  if (from !== null) pauses.push({ from, to: now });
  return pauses;
}

/**
 * Each clock of a case as a bar from its start to its deadline, on one time axis: the time used coloured by its
 * state, the overrun past the deadline in red, pauses hatched, warnings and escalations as marks, a line for now.
 */
export function ClockBars({ clocks, timeline }: { clocks: Clock[]; timeline: TimelineEvent[] }) {
  const t = useT();
  const now = Date.now();
  if (clocks.length === 0) return <p class="muted">{t(['时限尚未开始', 'No clock has started yet'])}</p>;
  const ends = clocks.flatMap((c) => [Date.parse(c.dueAt), c.metAt ? Date.parse(c.metAt) : now]);
  const start = Math.min(...clocks.map((c) => Date.parse(c.startedAt)));
  const end = Math.max(...ends, now);
  const at = (ms: number) => `${(((ms - start) / (end - start || 1)) * 100).toFixed(2)}%`;
  const span = (from: number, to: number) => ({ left: at(from), width: `${(((Math.max(to, from) - from) / (end - start || 1)) * 100).toFixed(2)}%` });

  return (
    <ul class="clocks">
      {clocks.map((c) => {
        const started = Date.parse(c.startedAt);
        const due = Date.parse(c.dueAt);
        const stopped = c.metAt ? Date.parse(c.metAt) : now;
        const marks = timeline.filter((e) => e.detail.clock === c.clock && MARKED.includes(e.type));
        return (
          <li key={c.clock} class="clock" data-clock={c.clock}>
            <div class="clock-head">
              <strong>{t(clockLabel(c.clock))}</strong> <SlaBadge sla={c.sla} />
              {c.paused && <span class="badge paused">{t(['暂停中', 'Paused'])}</span>}
              {c.late && <span class="badge sla-breached">{t(['逾期办结', 'Met late'])}</span>}
              {c.escalationLevel > 0 && <span class="badge">{t([`督办级别 ${c.escalationLevel}`, `Escalation level ${c.escalationLevel}`])}</span>}
              <span class="muted">
                {formatTime(c.startedAt, t.lang)} → {formatTime(c.dueAt, t.lang)}
                {c.provisional && t(['（暂定）', ' (provisional)'])}
                {c.metAt && ` · ${t(['完成于', 'met'])} ${formatTime(c.metAt, t.lang)}`}
              </span>
            </div>
            <div class="track" role="img" aria-label={`${t(clockLabel(c.clock))}: ${formatTime(c.startedAt, t.lang)} → ${formatTime(c.dueAt, t.lang)}`}>
              <div class="bar allowance" style={span(started, due)} />
              <div class={`bar sla-${c.sla}`} style={span(started, Math.min(stopped, due))} />
              {stopped > due && <div class="bar overrun" style={span(due, stopped)} />}
              {pausesOf(c.clock, timeline, stopped).map((p) => (
                <div class="bar pause" style={span(p.from, p.to)} title={t(['暂停', 'Paused'])} />
              ))}
              {marks.map((e) => (
                <div class={`mark ${e.type}`} style={{ left: at(Date.parse(e.occurredAt)) }} title={`${t(eventLabel(e.type))} ${formatTime(e.occurredAt, t.lang)}`} />
              ))}
              {c.metAt && <div class="mark met" style={{ left: at(stopped) }} title={t(['完成', 'Met'])} />}
              <div class="now" style={{ left: at(now) }} title={t(['现在', 'Now'])} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
