import { useState } from 'preact/hooks';
import { api, type LeadView, type MeView } from '../api';
import { ReasonForm } from '../components/ReasonForm';
import { ErrorBanner, Loading, SlaBadge } from '../components/ui';
import { formatTime, useT } from '../i18n';
import { casePath } from '../route';
import { useLoad } from '../useLoad';
import { WindowPage } from './WindowPage';

const STATUSES = [
  ['open', ['待处理', 'Open']],
  ['converted', ['已转为案件', 'Converted']],
  ['closed', ['已关闭', 'Closed']],
] as const;

export const leadIntakePath = (id: number) => `/window/leads/${id}`;
const loadLeads = (status: string) => api<{ items: LeadView[] }>('GET', `/leads?status=${status}`).then((r) => r.items);

/**
 * 主动发现线索: the leads the township's reporters submitted, each due within its time limit (3 working days, 24
 * hours when urgent); the window converts one into a case (the intake form prefilled) or closes it with a reason.
 */
export function LeadsPage() {
  const t = useT();
  const [status, setStatus] = useState<(typeof STATUSES)[number][0]>('open');
  const [closing, setClosing] = useState<number | null>(null);
  const leads = useLoad(() => loadLeads(status), status);
  return (
    <section aria-labelledby="leads-title">
      <h1 id="leads-title">{t(['主动发现线索', 'Leads'])}</h1>
      <div class="toolbar">
        <label>
          {t(['状态', 'Status'])}{' '}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as typeof status)}>
            {STATUSES.map(([value, label]) => (
              <option value={value}>{t(label)}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={leads.error} />
      {leads.loading || !leads.data ? (
        <Loading />
      ) : leads.data.length === 0 ? (
        <p class="muted">{t(['暂无线索', 'No leads'])}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t(['姓名', 'Name'])}</th>
              <th scope="col">{t(['困难情况', 'Hardship'])}</th>
              <th scope="col">{t(['紧急程度', 'Urgency'])}</th>
              <th scope="col">{t(['处理期限', 'Due'])}</th>
              <th scope="col">{t(['时限状态', 'Time limit'])}</th>
              <th scope="col">{t(['结果', 'Outcome'])}</th>
            </tr>
          </thead>
          <tbody>
            {leads.data.map((lead) => [
              <tr key={lead.id} data-lead={lead.id}>
                <td>{lead.name}</td>
                <td>{lead.hardship}</td>
                <td>{lead.urgency === 'emergency' ? t(['紧急', 'Urgent']) : t(['一般', 'Normal'])}</td>
                <td>{formatTime(lead.dueAt, t.lang)}</td>
                <td>{lead.status === 'open' ? <SlaBadge sla={lead.sla} /> : '—'}</td>
                <td>
                  {lead.status === 'open' ? (
                    <>
                      <a href={`#${leadIntakePath(lead.id)}`}>{t(['转为案件', 'Open a case'])}</a>{' '}
                      <button type="button" aria-expanded={closing === lead.id} onClick={() => setClosing(lead.id)}>
                        {t(['关闭', 'Close'])}
                      </button>
                    </>
                  ) : lead.caseNo ? (
                    <a href={`#${casePath(lead.caseNo)}`}>{lead.caseNo}</a>
                  ) : (
                    lead.closeReason
                  )}
                </td>
              </tr>,
              closing === lead.id && (
                <tr key={`${lead.id}-close`}>
                  <td colSpan={6}>
                    <ReasonForm
                      title={['关闭线索', 'Close the lead']}
                      label={['关闭原因（信息员可见）', 'Why (the reporter sees it)']}
                      submit={['确认关闭', 'Close']}
                      scope="close-lead"
                      send={(body) => api('POST', `/leads/${lead.id}/close`, body)}
                      onCancel={() => setClosing(null)}
                      onDone={() => (setClosing(null), leads.reload())}
                    />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The intake form for one open lead, prefilled from it. */
export function LeadIntakePage({ me, id }: { me: MeView; id: number }) {
  const t = useT();
  const leads = useLoad(() => loadLeads('open'), String(id));
  if (leads.error) return <ErrorBanner error={leads.error} />;
  if (!leads.data) return <Loading />;
  const lead = leads.data.find((l) => l.id === id);
  if (!lead) return <p class="muted">{t(['该线索已处理或不存在', 'This lead is handled already, or does not exist'])}</p>;
  return <WindowPage me={me} lead={lead} />;
}

/** After a conversion: the case the lead became. */
export function LeadConverted({ lead }: { lead: LeadView }) {
  const t = useT();
  return (
    <section aria-labelledby="converted-title">
      <h1 id="converted-title">{t(['线索已转为案件', 'The lead is now a case'])}</h1>
      <p>
        {t(['案件编号', 'Case'])} <a href={`#${casePath(lead.caseNo!)}`} data-testid="converted-case">{lead.caseNo}</a>
      </p>
      <p>
        <a href="#/window/leads">{t(['返回线索列表', 'Back to the leads'])}</a>
      </p>
    </section>
  );
}
