import { useState } from 'preact/hooks';
import { ReferOnRequest } from '../../../api/loopSchemas';
import { EmptyRequest } from '../../../api/schemas';
import { DEPARTMENT_CODES, type DepartmentCode } from '../../../domain/departments';
import { api, type InboxEntry } from '../api';
import { FormButtons, ReasonForm } from '../components/ReasonForm';
import { ErrorBanner, Field } from '../components/ui';
import { useT } from '../i18n';
import { departmentLabel } from '../labels';
import { useApiForm } from '../useApiForm';

type Props = { referral: InboxEntry; onDone(): void; onCancel(): void };

/** 签收 (首问负责): the department signs for the referral; its acceptance clock stops. */
export function AcceptReferralForm({ referral, onDone, onCancel }: Props) {
  const t = useT();
  const form = useApiForm(EmptyRequest, {}, () => api('POST', `/referrals/${referral.id}/accept`, {}), onDone);
  return (
    <form class="inline-form" onSubmit={form.submit} noValidate aria-label={t(['签收', 'Accept'])}>
      <p>{t(['签收后由本部门负责办理（首问负责）。', 'Once accepted, your department is responsible for it.'])}</p>
      <ErrorBanner error={form.failure} />
      <FormButtons sending={form.sending} submit={['确认签收', 'Accept']} onCancel={onCancel} />
    </form>
  );
}

/** 退回: back to the township window, with what is missing; the window re-sends it. */
export function ReturnReferralForm({ referral, onDone, onCancel }: Props) {
  return (
    <ReasonForm
      title={['退回', 'Return']}
      label={['退回理由（缺少的材料或信息）', 'Why (what is missing)']}
      submit={['确认退回', 'Return']}
      scope="return"
      send={(body) => api('POST', `/referrals/${referral.id}/return`, body)}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}

/** 转介: to the department responsible instead, with a reason; the case follows the new referral. */
export function ReferOnForm({ referral, onDone, onCancel }: Props) {
  const t = useT();
  const others = DEPARTMENT_CODES.filter((d) => d !== referral.department);
  const [to, setTo] = useState<DepartmentCode>(others[0]!);
  const [reason, setReason] = useState('');
  const body = { to, reason };
  const form = useApiForm(ReferOnRequest, body, () => api('POST', `/referrals/${referral.id}/refer-on`, body), onDone);
  return (
    <form class="inline-form" onSubmit={form.submit} noValidate aria-label={t(['转介', 'Refer on'])}>
      <Field path="to" label={t(['转介至', 'To'])} problem={form.problems.to}>
        {(a) => (
          <select {...a} value={to} onChange={(e) => (setTo(e.currentTarget.value as DepartmentCode), form.changed())}>
            {others.map((d) => (
              <option value={d}>{t(departmentLabel(d))}</option>
            ))}
          </select>
        )}
      </Field>
      <Field path="reason" scope="refer-on" label={t(['转介理由', 'Why'])} problem={form.problems.reason}>
        {(a) => <textarea {...a} rows={2} value={reason} onInput={(e) => (setReason(e.currentTarget.value), form.changed())} />}
      </Field>
      <ErrorBanner error={form.failure} />
      <FormButtons sending={form.sending} submit={['确认转介', 'Refer on']} onCancel={onCancel} />
    </form>
  );
}
