import { useState } from 'preact/hooks';
import { DecisionRequest } from '../../../api/schemas';
import { api } from '../api';
import { ErrorBanner, Field } from '../components/ui';
import { useT } from '../i18n';
import { useApiForm } from '../useApiForm';

/** What a decision answers: an approval that goes to public notice says until when. */
export interface DecisionAnswer {
  noticeEndsAt?: string;
}

/**
 * 审批: approve or reject, always with a reason; an approval of a monthly benefit (低保, 特困) states the amount and the
 * first month. The workflow has the last word (409 when not now).
 */
export function DecisionForm({ caseNo, monthly, onDone }: { caseNo: string; monthly: boolean; onDone(answer: DecisionAnswer): void }) {
  const t = useT();
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [startMonth, setStartMonth] = useState('');
  const [amountReason, setAmountReason] = useState('');
  const terms = decision === 'approve' && monthly;
  const body = {
    decision,
    reason,
    ...(terms && amount !== '' ? { monthlyAmountYuan: Number(amount) } : {}),
    ...(terms && startMonth !== '' ? { startMonth } : {}),
    ...(terms && amountReason !== '' ? { amountReason } : {}),
  };
  // Sent and then reported by the same submission (one render's closures share it).
  let answer: DecisionAnswer = {};
  const send = async () => void (answer = await api<DecisionAnswer>('POST', `/cases/${caseNo}/decision`, body));
  const form = useApiForm(DecisionRequest, body, send, () => onDone(answer));

  return (
    <form onSubmit={form.submit} noValidate aria-labelledby="decision-title">
      <h2 id="decision-title">{t(['审批决定', 'Decision'])}</h2>
      <fieldset class="checks">
        <legend>{t(['决定', 'Decision'])}</legend>
        {(['approve', 'reject'] as const).map((value) => (
          <label class="check" key={value}>
            <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} />
            {value === 'approve' ? t(['批准', 'Approve']) : t(['不予批准', 'Reject'])}
          </label>
        ))}
      </fieldset>
      <Field path="reason" label={t(['理由', 'Reason'])} problem={form.problems.reason}>
        {(a) => (
          <textarea
            {...a}
            rows={3}
            value={reason}
            onInput={(e) => {
              setReason(e.currentTarget.value);
              form.changed();
            }}
          />
        )}
      </Field>
      {terms && (
        <>
          <Field path="monthlyAmountYuan" label={t(['月救助金额（元）', 'Monthly amount (yuan)'])} problem={form.problems.monthlyAmountYuan}>
            {(a) => <input {...a} type="number" min="0.01" step="0.01" value={amount} onInput={(e) => (setAmount(e.currentTarget.value), form.changed())} />}
          </Field>
          <Field path="startMonth" label={t(['起始月份', 'First month'])} problem={form.problems.startMonth}>
            {(a) => <input {...a} type="month" value={startMonth} onInput={(e) => (setStartMonth(e.currentTarget.value), form.changed())} />}
          </Field>
          <Field path="amountReason" label={t(['金额与测算不同的理由', 'Why the amount differs from the proposal'])} problem={form.problems.amountReason}>
            {(a) => <input {...a} value={amountReason} onInput={(e) => (setAmountReason(e.currentTarget.value), form.changed())} />}
          </Field>
        </>
      )}
      <ErrorBanner error={form.failure} />
      <div class="actions">
        <button type="submit" class="primary" disabled={form.sending}>
          {t(['提交决定', 'Record the decision'])}
        </button>
      </div>
    </form>
  );
}
