import { useState } from 'preact/hooks';
import type { CaseListItem } from '../../../api/workListSchemas';
import { SLA_STATES, type SlaState } from '../../../domain/clocks';
import { NEED_CODES, type NeedCode } from '../../../domain/needs';
import { CASE_STAGES, type CaseStage } from '../../../domain/stages';
import type { z } from 'zod';
import { MoreButton } from '../components/MoreButton';
import { ErrorBanner, Loading, SlaBadge } from '../components/ui';
import { formatTime, useT, type Text } from '../i18n';
import { needLabel, SLA_LABELS, stageLabel } from '../labels';
import { casePath } from '../route';
import { usePagedList } from '../usePagedList';

export type CaseListEntry = z.output<typeof CaseListItem>;

/** One filter of the list: a select whose first option is "any". */
function Filter<V extends string>(props: { label: Text; value: V | ''; values: readonly V[]; name: (v: V) => Text; onChange(v: V | ''): void }) {
  const t = useT();
  return (
    <label>
      {t(props.label)}{' '}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as V | '')}>
        <option value="">{t(['全部', 'Any'])}</option>
        {props.values.map((v) => (
          <option value={v}>{t(props.name(v))}</option>
        ))}
      </select>
    </label>
  );
}

/** 本乡镇案件: the window's township cases, the earliest deadline first, filtered by stage, time limit and need. */
export function CaseListPage() {
  const t = useT();
  const [stage, setStage] = useState<CaseStage | ''>('');
  const [sla, setSla] = useState<SlaState | ''>('');
  const [need, setNeed] = useState<NeedCode | ''>('');
  const query = new URLSearchParams(Object.entries({ stage, sla, need, sort: 'due' }).filter(([, v]) => v !== ''));
  const cases = usePagedList<CaseListEntry>(`/cases?${query}`);

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t(['本乡镇案件', 'Township cases'])}</h1>
      <div class="toolbar">
        <Filter<CaseStage> label={['阶段', 'Stage']} value={stage} values={CASE_STAGES} name={stageLabel} onChange={setStage} />
        <Filter<SlaState> label={['时限状态', 'Time limit']} value={sla} values={SLA_STATES} name={(s) => SLA_LABELS[s]} onChange={setSla} />
        <Filter<NeedCode> label={['救助需求', 'Need']} value={need} values={NEED_CODES} name={needLabel} onChange={setNeed} />
        <button type="button" onClick={cases.reload}>
          {t(['刷新', 'Refresh'])}
        </button>
      </div>
      <ErrorBanner error={cases.error} />
      {cases.loading ? (
        <Loading />
      ) : cases.items.length === 0 ? (
        <p class="muted">{t(['没有符合条件的案件', 'No case matches'])}</p>
      ) : (
        <CaseTable cases={cases.items} />
      )}
      <MoreButton list={cases} />
    </section>
  );
}

/** Cases as rows coloured by their worst clock, each number linking to `link(caseNo)` (the case page by default). */
export function CaseTable({ cases, link = casePath }: { cases: CaseListEntry[]; link?: (caseNo: string) => string }) {
  const t = useT();
  return (
    <table class="list">
      <thead>
        <tr>
          <th scope="col">{t(['案件编号', 'Case'])}</th>
          <th scope="col">{t(['申请人', 'Applicant'])}</th>
          <th scope="col">{t(['救助需求', 'Needs'])}</th>
          <th scope="col">{t(['阶段', 'Stage'])}</th>
          <th scope="col">{t(['最近期限', 'Next due'])}</th>
          <th scope="col">{t(['时限状态', 'Time limit'])}</th>
          <th scope="col">{t(['受理时间', 'Opened'])}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.caseNo} class={`sla-row-${c.sla}`} data-case={c.caseNo}>
            <td>
              <a href={`#${link(c.caseNo)}`}>{c.caseNo}</a>
            </td>
            <td>{c.applicant.name}</td>
            <td>{c.needs.map((n) => t(needLabel(n))).join('、')}</td>
            <td>{t(stageLabel(c.stage))}</td>
            <td>{c.dueAt ? formatTime(c.dueAt, t.lang) : '—'}</td>
            <td>
              <SlaBadge sla={c.sla} />
            </td>
            <td>{formatTime(c.openedAt, t.lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
