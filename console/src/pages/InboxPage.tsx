import { useState } from 'preact/hooks';
import { DEPARTMENT_CODES, type DepartmentCode } from '../../../domain/departments';
import type { StaffRole } from '../../../domain/jurisdiction';
import type { InboxEntry, MeView } from '../api';
import { MoreButton } from '../components/MoreButton';
import { ErrorBanner, Loading, SlaBadge } from '../components/ui';
import { formatTime, useT, type Text } from '../i18n';
import { departmentLabel, needLabel, OUTCOME_LABELS, REFERRAL_STATUS_LABELS } from '../labels';
import { useTownshipName } from '../reference';
import { casePath } from '../route';
import { usePagedList } from '../usePagedList';
import { CompleteReferralForm } from './CompleteReferralForm';
import { AcceptReferralForm, ReferOnForm, ReturnReferralForm } from './ReferralActionForms';

/** What a department may do to a referral in its inbox, as the API offers it: sign for it, complete, return, refer on. */
const REFERRAL_ACTIONS: { id: string; label: Text; roles: StaffRole[]; applies(r: InboxEntry): boolean; Form: typeof CompleteReferralForm }[] = [
  { id: 'accept', label: ['签收', 'Accept'], roles: ['department'], applies: (r) => r.status === 'open', Form: AcceptReferralForm },
  { id: 'complete', label: ['办结', 'Complete'], roles: ['department'], applies: (r) => r.status === 'open' || r.status === 'accepted', Form: CompleteReferralForm },
  { id: 'return', label: ['退回', 'Return'], roles: ['department'], applies: (r) => r.status === 'open' || r.status === 'accepted', Form: ReturnReferralForm },
  { id: 'refer-on', label: ['转介', 'Refer on'], roles: ['department'], applies: (r) => r.status === 'open' || r.status === 'accepted', Form: ReferOnForm },
];

const STATUSES = [
  ['open', ['待办', 'To do']],
  ['accepted', ['已签收', 'Accepted']],
  ['returned', ['已退回', 'Returned']],
  ['completed', ['已办结', 'Completed']],
  ['all', ['全部', 'All']],
] as const;

/** 部门待办: a department's referrals, soonest due first, coloured by their clock, a page at a time. */
export function InboxPage({ me }: { me: MeView }) {
  const t = useT();
  const [department, setDepartment] = useState<DepartmentCode>(me.department ?? 'civil_affairs');
  const [status, setStatus] = useState<(typeof STATUSES)[number][0]>('open');
  const [acting, setActing] = useState<{ referral: string; action: string } | null>(null);
  const inbox = usePagedList<InboxEntry>(`/departments/${department}/referrals?status=${status}`);
  const townshipName = useTownshipName();
  const actions = REFERRAL_ACTIONS.filter((a) => a.roles.includes(me.role));

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">
        {t(['部门待办', 'Department inbox'])} · {t(departmentLabel(department))}
      </h1>
      <div class="toolbar">
        {me.role !== 'department' && (
          <label>
            {t(['部门', 'Department'])}{' '}
            <select value={department} onChange={(e) => setDepartment(e.currentTarget.value as DepartmentCode)}>
              {DEPARTMENT_CODES.map((d) => (
                <option value={d}>{t(departmentLabel(d))}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t(['状态', 'Status'])}{' '}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as typeof status)}>
            {STATUSES.map(([value, label]) => (
              <option value={value}>{t(label)}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={inbox.reload}>
          {t(['刷新', 'Refresh'])}
        </button>
      </div>
      <ErrorBanner error={inbox.error} />
      {inbox.loading ? (
        <Loading />
      ) : inbox.items.length === 0 ? (
        <p class="muted">{t(['暂无转办事项', 'Nothing here'])}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t(['案件编号', 'Case'])}</th>
              <th scope="col">{t(['乡镇（街道）', 'Township'])}</th>
              <th scope="col">{t(['事项', 'Needs'])}</th>
              <th scope="col">{t(['办结期限', 'Due'])}</th>
              <th scope="col">{t(['时限状态', 'Time limit'])}</th>
              <th scope="col">{t(['状态', 'Status'])}</th>
              <th scope="col">{t(['结果', 'Outcome'])}</th>
              {actions.length > 0 && <th scope="col">{t(['操作', 'Actions'])}</th>}
            </tr>
          </thead>
          <tbody>
            {inbox.items.map((r) => {
              const open = acting?.referral === r.id ? actions.find((a) => a.id === acting.action) : undefined;
              return [
                <tr key={r.id} class={`sla-row-${r.sla ?? 'none'}`} data-referral={r.id}>
                  <td>
                    <a href={`#${casePath(r.caseNo)}`}>{r.caseNo}</a>
                  </td>
                  <td>{townshipName(r.township)}</td>
                  <td>{r.needs.map((n) => t(needLabel(n))).join('、')}</td>
                  <td>{formatTime(r.dueAt, t.lang)}</td>
                  <td>
                    <SlaBadge sla={r.sla} />
                  </td>
                  <td>{t(REFERRAL_STATUS_LABELS[r.status])}</td>
                  <td>{r.outcome ? t(OUTCOME_LABELS[r.outcome]) : '—'}</td>
                  {actions.length > 0 && (
                    <td>
                      {actions
                        .filter((a) => a.applies(r))
                        .map((a) => (
                          <button type="button" key={a.id} aria-expanded={open?.id === a.id} onClick={() => setActing({ referral: r.id, action: a.id })}>
                            {t(a.label)}
                          </button>
                        ))}
                    </td>
                  )}
                </tr>,
                open && (
                  <tr key={`${r.id}-form`}>
                    <td colSpan={8}>
                      <open.Form
                        referral={r}
                        onCancel={() => setActing(null)}
                        onDone={() => {
                          setActing(null);
                          inbox.reload();
                        }}
                      />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      )}
      <MoreButton list={inbox} />
    </section>
  );
}
