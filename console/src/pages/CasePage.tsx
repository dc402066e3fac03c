import { api, type CaseView, type MeView } from '../api';
import { ClockBars } from '../components/ClockBars';
import { Timeline } from '../components/Timeline';
import { ErrorBanner, Loading } from '../components/ui';
import { formatTime, useT } from '../i18n';
import { departmentLabel, measureLabel, needLabel, OUTCOME_LABELS, stageLabel } from '../labels';
import { useTownshipName } from '../reference';
import { useLoad } from '../useLoad';
import { CaseActions } from './CaseActions';

export function useCase(caseNo: string) {
  return useLoad(() => api<CaseView>('GET', `/cases/${encodeURIComponent(caseNo)}`), caseNo);
}

/** 案件: where a case stands — referrals, decision, each clock as a bar, and the full timeline. */
export function CasePage({ caseNo, me }: { caseNo: string; me: MeView }) {
  const t = useT();
  const found = useCase(caseNo);
  if (found.error) return <ErrorBanner error={found.error} />;
  if (!found.data) return <Loading />;
  const c = found.data;
  return (
    <section aria-labelledby="case-title">
      <h1 id="case-title">
        {t(['案件', 'Case'])} <span class="case-no">{c.caseNo}</span> <span class="badge">{t(stageLabel(c.stage))}</span>
      </h1>
      <CaseFacts view={c} />
      <h2>{t(['办理时限', 'Time limits'])}</h2>
      <ClockBars clocks={c.clocks} timeline={c.timeline} />
      <CaseActions view={c} me={me} onDone={found.reload} />
      <h2>{t(['办理过程', 'Timeline'])}</h2>
      <Timeline events={c.timeline} />
    </section>
  );
}

/** Applicant, needs, emergency and each department's answer: the evidence a reviewer decides on. */
export function CaseFacts({ view: c }: { view: CaseView }) {
  const t = useT();
  const townshipName = useTownshipName();
  return (
    <>
      <dl class="facts">
        <dt>{t(['申请人', 'Applicant'])}</dt>
        <dd>
          {c.applicant.name} · {c.applicant.idNumber}
        </dd>
        <dt>{t(['乡镇（街道）', 'Township'])}</dt>
        <dd>{townshipName(c.township)}</dd>
        <dt>{t(['救助需求', 'Needs'])}</dt>
        <dd>{c.needs.map((n) => t(needLabel(n))).join('、')}</dd>
        <dt>{t(['受理时间', 'Opened'])}</dt>
        <dd>{formatTime(c.openedAt, t.lang)}</dd>
        {c.emergency && (
          <>
            <dt>{t(['急难情况', 'Emergency'])}</dt>
            <dd>
              {c.emergency.description} · {c.emergency.requestedAmountYuan} {t(['元', 'yuan'])}
            </dd>
          </>
        )}
        {c.decision && (
          <>
            <dt>{t(['审批决定', 'Decision'])}</dt>
            <dd data-testid="decision">
              {c.decision.decision === 'approve' ? t(['批准', 'Approved']) : t(['不予批准', 'Rejected'])} · {formatTime(c.decision.decidedAt, t.lang)}
              {c.decision.late && ` · ${t(['逾期', 'late'])}`}
            </dd>
          </>
        )}
        {c.closedAt && (
          <>
            <dt>{t(['结案时间', 'Closed'])}</dt>
            <dd>{formatTime(c.closedAt, t.lang)}</dd>
          </>
        )}
      </dl>
      <table class="list">
        <caption>{t(['转办部门', 'Referrals'])}</caption>
        <thead>
          <tr>
            <th scope="col">{t(['部门', 'Department'])}</th>
            <th scope="col">{t(['办结期限', 'Due'])}</th>
            <th scope="col">{t(['结果', 'Outcome'])}</th>
            <th scope="col">{t(['措施', 'Measures'])}</th>
            <th scope="col">{t(['备注', 'Note'])}</th>
            <th scope="col">{t(['办结时间', 'Completed'])}</th>
          </tr>
        </thead>
        <tbody>
          {c.referrals.map((r) => (
            <tr key={r.id} data-referral={r.id}>
              <td>{t(departmentLabel(r.department))}</td>
              <td>{formatTime(r.dueAt, t.lang)}</td>
              <td>{r.outcome ? t(OUTCOME_LABELS[r.outcome]) : t(['办理中', 'In progress'])}</td>
              <td>{r.measures?.map((code) => t(measureLabel(code))).join('、') ?? '—'}</td>
              <td>{r.note ?? '—'}</td>
              <td>{formatTime(r.completedAt, t.lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
