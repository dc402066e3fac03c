import type { DepartmentCode } from '../../../domain/departments';
import type { MeasureCode } from '../../../domain/measures';
import type { ReferralOutcome } from '../../../domain/stages';
import type { CaseView } from '../api';
import { formatTime, useT, type Text } from '../i18n';
import { clockLabel, departmentLabel, eventLabel, measureLabel, OUTCOME_LABELS, stageLabel } from '../labels';
import { useTownshipName } from '../reference';

type Detail = Record<string, unknown>;
type Describe = (value: unknown, names: { t: ReturnType<typeof useT>; township(code: string): string }) => string | null;

const AID_FORMS: Record<string, Text> = { cash: ['现金', 'cash'], goods: ['实物', 'goods'], service: ['服务', 'service'] };

/** Which details of a case event people read, and how: codes become names, instants Beijing time. */
const DETAILS: [key: string, label: Text, describe: Describe][] = [
  ['clock', ['时限', 'clock'], (v, { t }) => t(clockLabel(String(v)))],
  ['department', ['部门', 'department'], (v, { t }) => t(departmentLabel(v as DepartmentCode))],
  ['outcome', ['结果', 'outcome'], (v, { t }) => t(OUTCOME_LABELS[v as ReferralOutcome] ?? [String(v), String(v)])],
  ['measures', ['措施', 'measures'], (v, { t }) => (Array.isArray(v) && v.length > 0 ? v.map((code) => t(measureLabel(code as MeasureCode))).join('、') : null)],
  ['decision', ['决定', 'decision'], (v, { t }) => t(v === 'approve' ? ['批准', 'approved'] : ['不予批准', 'rejected'])],
  ['reason', ['理由', 'reason'], (v) => String(v)],
  ['stage', ['阶段', 'stage'], (v, { t }) => t(stageLabel(String(v)))],
  ['amountYuan', ['金额', 'amount'], (v, { t }) => `${v} ${t(['元', 'yuan'])}`],
  ['form', ['方式', 'form'], (v, { t }) => t(AID_FORMS[String(v)] ?? [String(v), String(v)])],
  ['by', ['延长', 'extended by'], (v) => String(v)],
  ['dueAtBefore', ['原期限', 'was due'], (v, { t }) => formatTime(String(v), t.lang)],
  ['dueAt', ['期限', 'due'], (v, { t }) => formatTime(String(v), t.lang)],
  ['level', ['督办级别', 'level'], (v) => String(v)],
  ['recipient', ['督办对象', 'to'], (v, names) => recipientName(String(v), names)],
  ['late', ['逾期', 'late'], (v, { t }) => (v === true ? t(['是', 'yes']) : null)],
];

/** `department:education`, `township:370725001`, `county:370725` → whom that means. */
function recipientName(recipient: string, { t, township }: Parameters<Describe>[1]): string {
  const [kind, code] = recipient.split(':');
  if (kind === 'department') return t(departmentLabel(code as DepartmentCode));
  if (kind === 'township') return township(code);
  if (kind === 'county') return t([`县级 ${code}`, `county ${code}`]);
  return recipient;
}

/** A case's history, oldest first: what happened, to what, by whom (a staff reference, never a name). */
export function Timeline({ events }: { events: CaseView['timeline'] }) {
  const t = useT();
  const township = useTownshipName();
  const describe = (detail: Detail) =>
    DETAILS.flatMap(([key, label, show]) => {
      if (detail[key] === undefined || detail[key] === null) return [];
      const text = show(detail[key], { t, township });
      return text === null ? [] : [`${t(label)}：${text}`];
    });
  return (
    <ol class="timeline">
      {events.map((e, i) => (
        <li key={i} data-event={e.type}>
          <time dateTime={e.occurredAt}>{formatTime(e.occurredAt, t.lang)}</time> <strong>{t(eventLabel(e.type))}</strong>
          {describe(e.detail).map((part) => (
            <span class="detail">{part}</span>
          ))}
          <span class="muted actor">{e.actor === 'system' ? t(['系统', 'system']) : e.actor}</span>
        </li>
      ))}
    </ol>
  );
}
