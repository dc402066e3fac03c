import { useState } from 'preact/hooks';
import { NOTICED_NEEDS } from '../../../domain/review';
import { CaseLookup } from '../components/CaseLookup';
import { ClockBars } from '../components/ClockBars';
import { MoreButton } from '../components/MoreButton';
import { ErrorBanner, Loading } from '../components/ui';
import { useT } from '../i18n';
import { usePagedList } from '../usePagedList';
import { CaseTable, type CaseListEntry } from './CaseListPage';
import { CaseFacts, useCase } from './CasePage';
import { DecisionForm } from './DecisionForm';

export const reviewPath = (caseNo: string) => `/review/${caseNo}`;

/**
 * 审核审批: the decision queue (the county's cases in stage `approval`, the earliest deadline first), each opening
 * its evidence and the decision form; any other case by number.
 */
export function ReviewPage({ caseNo }: { caseNo?: string }) {
  const t = useT();
  const queue = usePagedList<CaseListEntry>('/cases?stage=approval&sort=due');
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">{t(['审核审批', 'Review and decide'])}</h1>
      <CaseLookup id="review-lookup" to={reviewPath} />
      {caseNo && <ReviewCase caseNo={caseNo} onDecided={queue.reload} />}
      <h2>{t(['待审批案件', 'Awaiting a decision'])}</h2>
      <ErrorBanner error={queue.error} />
      {queue.loading ? (
        <Loading />
      ) : queue.items.length === 0 ? (
        <p class="muted">{t(['暂无待审批案件', 'No case awaits a decision'])}</p>
      ) : (
        <CaseTable cases={queue.items} link={reviewPath} />
      )}
      <MoreButton list={queue} />
    </section>
  );
}

function ReviewCase({ caseNo, onDecided }: { caseNo: string; onDecided(): void }) {
  const t = useT();
  const found = useCase(caseNo);
  // The proposal's answer: the case's stage follows a moment later.
  const [noticeEndsAt, setNoticeEndsAt] = useState<string | undefined>();
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
      {(c.stage === 'notice' || noticeEndsAt) && (
        <p class="muted">{t(['拟批准决定正在公示，公示期满无异议后生效', 'The proposed approval is in its public notice; it becomes final when that ends without objection'])}</p>
      )}
      {!c.decision && c.stage !== 'notice' && !noticeEndsAt && c.clocks.some((clock) => clock.clock === 'approval') && (
        <DecisionForm
          caseNo={c.caseNo}
          monthly={c.needs.some((need) => NOTICED_NEEDS.includes(need))}
          onDone={(answer) => {
            setNoticeEndsAt(answer.noticeEndsAt);
            found.reload();
            onDecided();
          }}
        />
      )}
      {!c.clocks.some((clock) => clock.clock === 'approval') && <p class="muted">{t(['本案无需审批', 'This case needs no approval'])}</p>}
    </article>
  );
}
