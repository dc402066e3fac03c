import { api, type OverdueEntry } from '../api';
import { CaseLookup } from '../components/CaseLookup';
import { ClockBars } from '../components/ClockBars';
import { ErrorBanner, Loading, SlaBadge } from '../components/ui';
import { formatTime, useT } from '../i18n';
import { useLoad } from '../useLoad';
import { CaseFacts, useCase } from './CasePage';
import { DecisionForm } from './DecisionForm';

export const reviewPath = (caseNo: string) => `/review/${caseNo}`;

/**
 * 审核审批: the approval deadlines at risk (from the overdue list), and one case with its evidence and the
 * decision form. The full decision queue needs a case list by stage (GET /cases), which the API does not have yet.
 */
export function ReviewPage({ caseNo }: { caseNo?: string }) {
  const t = useT();
  const atRisk = useLoad(() => api<{ items: OverdueEntry[] }>('GET', '/admin/overdue'), 'overdue');
  const approvals = atRisk.data?.items.filter((i) => i.clock === 'approval') ?? [];
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">{t(['审核审批', 'Review and decide'])}</h1>
      <CaseLookup id="review-lookup" to={reviewPath} />
      <h2>{t(['临近或超过审批时限', 'Approvals due or overdue'])}</h2>
      <ErrorBanner error={atRisk.error} />
      {atRisk.loading && !atRisk.data ? (
        <Loading />
      ) : approvals.length === 0 ? (
        <p class="muted">{t(['暂无临近或超过时限的审批', 'No approval is near or past its deadline'])}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t(['案件编号', 'Case'])}</th>
              <th scope="col">{t(['审批期限', 'Due'])}</th>
              <th scope="col">{t(['时限状态', 'Time limit'])}</th>
            </tr>
          </thead>
          <tbody>
            {approvals.map((i) => (
              <tr key={i.caseNo}>
                <td>
                  <a href={`#${reviewPath(i.caseNo)}`}>{i.caseNo}</a>
                </td>
                <td>{formatTime(i.dueAt, t.lang)}</td>
                <td>
                  <SlaBadge sla={i.sla} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {caseNo && <ReviewCase caseNo={caseNo} />}
    </section>
  );
}

function ReviewCase({ caseNo }: { caseNo: string }) {
  const t = useT();
  const found = useCase(caseNo);
  if (found.error) return <ErrorBanner error={found.error} />;
  if (!found.data) return <Loading />;
  const c = found.data;
  const approval = c.clocks.filter((clock) => clock.clock === 'approval');
  return (
    <article aria-label={c.caseNo} class="review-case">
      <h2>
        {t(['案件', 'Case'])} <a href={`#/cases/${c.caseNo}`} class="case-no">{c.caseNo}</a>
      </h2>
      <CaseFacts view={c} />
      <ClockBars clocks={approval} timeline={c.timeline} />
      {!c.decision && c.clocks.some((clock) => clock.clock === 'approval') && <DecisionForm caseNo={c.caseNo} onDone={found.reload} />}
      {!c.clocks.some((clock) => clock.clock === 'approval') && <p class="muted">{t(['本案无需审批', 'This case needs no approval'])}</p>}
    </article>
  );
}
