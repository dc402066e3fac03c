import { useState } from 'preact/hooks';
import { CalendarYearRequest } from '../../../api/schemas';
import { api, type MeView } from '../api';
import { ErrorBanner, Field, Loading } from '../components/ui';
import { useT } from '../i18n';
import { useApiForm } from '../useApiForm';
import { useLoad } from '../useLoad';
import { calendarDays } from './calendarLines';

interface CalendarYear {
  year: number;
  provisional: boolean;
  source: string;
  days: { date: string; kind: 'holiday' | 'workday'; name: string }[];
}

const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/**
 * 节假日安排: a year's days off and make-up working days, on which every working-day limit is counted; the
 * administrator loads next year's when the State Council publishes it, and running clocks are re-timed.
 */
export function CalendarPage({ me }: { me: MeView }) {
  const t = useT();
  const [year, setYear] = useState(thisYear());
  const shown = useLoad(() => api<CalendarYear>('GET', `/calendar/${year}`), String(year));
  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">{t(['节假日安排', 'Holiday arrangement'])}</h1>
      <div class="toolbar">
        <label>
          {t(['年份', 'Year'])}{' '}
          <input
            type="number"
            class="year"
            min={2001}
            max={2099}
            value={year}
            onChange={(e) => {
              const next = Number(e.currentTarget.value);
              if (Number.isInteger(next) && next >= 2001 && next <= 2099) setYear(next);
            }}
          />
        </label>
      </div>
      <ErrorBanner error={shown.error} />
      {shown.data ? <YearTable calendar={shown.data} /> : <Loading />}
      {me.role === 'admin' && <LoadYearForm year={year} onLoaded={shown.reload} />}
    </section>
  );
}

function YearTable({ calendar }: { calendar: CalendarYear }) {
  const t = useT();
  return (
    <>
      <p data-testid="calendar-source">
        {calendar.source}
        {calendar.provisional && <span class="badge sla-warning">{t(['暂定：未载入国务院通知', 'provisional: no published notice loaded'])}</span>}
      </p>
      <table class="list">
        <thead>
          <tr>
            <th scope="col">{t(['日期', 'Date'])}</th>
            <th scope="col">{t(['安排', 'Kind'])}</th>
            <th scope="col">{t(['节日', 'Holiday'])}</th>
          </tr>
        </thead>
        <tbody>
          {calendar.days.map((d) => (
            <tr key={d.date} data-date={d.date}>
              <td>{d.date}</td>
              <td>{d.kind === 'holiday' ? t(['放假', 'Day off']) : t(['调休上班', 'Make-up working day'])}</td>
              <td>{d.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Loads the year's official arrangement (PUT /calendar/:year); the answer says how many workflows were re-timed. */
function LoadYearForm({ year, onLoaded }: { year: number; onLoaded(): void }) {
  const t = useT();
  const [source, setSource] = useState('');
  const [lines, setLines] = useState('');
  const [retimed, setRetimed] = useState<number | null>(null);
  const body = { source, days: calendarDays(lines) };
  const form = useApiForm(
    CalendarYearRequest,
    body,
    async () => setRetimed((await api<{ retimedWorkflows: number }>('PUT', `/calendar/${year}`, body)).retimedWorkflows),
    onLoaded,
  );
  // Problems of `days.3.date` are shown as "line 4: …".
  const lineProblems = Object.entries(form.problems)
    .filter(([path]) => path.startsWith('days'))
    .map(([path, message]) => {
      const line = /^days\.(\d+)/.exec(path);
      return line ? `${t(['第', 'line '])}${Number(line[1]) + 1}${t(['行', ''])}: ${t.msg(message)}` : t.msg(message);
    });
  return (
    <form onSubmit={form.submit} noValidate aria-labelledby="load-year">
      <h2 id="load-year">{t([`载入 ${year} 年安排`, `Load the arrangement of ${year}`])}</h2>
      <Field path="source" label={t(['依据（通知名称）', 'Source (the notice)'])} problem={form.problems.source}>
        {(a) => <input {...a} value={source} onInput={(e) => (setSource(e.currentTarget.value), form.changed())} />}
      </Field>
      <Field
        path="days"
        label={t(['每行一天：日期 放假/上班 节日', 'One day a line: date 放假/上班 (or holiday/workday) name'])}
        hint={t(['例：2027-01-01 放假 元旦', 'e.g. 2027-02-07 workday 春节'])}
        problem={lineProblems.length > 0 ? lineProblems.join('；') : undefined}
      >
        {(a) => <textarea {...a} rows={8} value={lines} onInput={(e) => (setLines(e.currentTarget.value), setRetimed(null), form.changed())} />}
      </Field>
      <ErrorBanner error={form.failure} />
      {retimed !== null && (
        <p role="status" data-testid="retimed">
          {t([`已载入；重新计算了 ${retimed} 个工作流的时限`, `Loaded; ${retimed} workflows re-timed`])}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={form.sending}>
          {t(['载入', 'Load'])}
        </button>
      </div>
    </form>
  );
}
