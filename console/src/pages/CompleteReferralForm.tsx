import { useState } from 'preact/hooks';
import { ReferralCompletionRequest } from '../../../api/schemas';
import { REFERRAL_OUTCOMES, type ReferralOutcome } from '../../../domain/stages';
import { api, type InboxEntry } from '../api';
import { ErrorBanner, Field } from '../components/ui';
import { useT } from '../i18n';
import { OUTCOME_LABELS } from '../labels';
import { useApiForm } from '../useApiForm';

/** 办结: a department reports its outcome and measures (one a line), checked with the API's schema as typed. */
export function CompleteReferralForm({ referral, onDone, onCancel }: { referral: InboxEntry; onDone(): void; onCancel(): void }) {
  const t = useT();
  const [outcome, setOutcome] = useState<ReferralOutcome>('granted');
  const [measures, setMeasures] = useState('');
  const [note, setNote] = useState('');
  const body = { outcome, measures: measures.split('\n').filter((line) => line.trim() !== ''), ...(note.trim() ? { note } : {}) };
  const form = useApiForm(ReferralCompletionRequest, body, () => api('POST', `/referrals/${referral.id}/complete`, body), onDone);
  const measuresProblem = Object.entries(form.problems).find(([path]) => path.startsWith('measures'))?.[1];

  return (
    <form class="inline-form" onSubmit={form.submit} noValidate aria-label={t(['办结', 'Complete'])}>
      <Field path="outcome" label={t(['办理结果', 'Outcome'])} problem={form.problems.outcome}>
        {(a) => (
          <select {...a} autoFocus value={outcome} onChange={(e) => (setOutcome(e.currentTarget.value as ReferralOutcome), form.changed())}>
            {REFERRAL_OUTCOMES.map((o) => (
              <option value={o}>{t(OUTCOME_LABELS[o])}</option>
            ))}
          </select>
        )}
      </Field>
      <Field path="measures" label={t(['救助措施（每行一项）', 'Measures (one a line)'])} problem={measuresProblem}>
        {(a) => <textarea {...a} rows={2} value={measures} onInput={(e) => (setMeasures(e.currentTarget.value), form.changed())} />}
      </Field>
      <Field path="note" label={t(['备注（选填）', 'Note (optional)'])} problem={form.problems.note}>
        {(a) => <textarea {...a} rows={2} value={note} onInput={(e) => (setNote(e.currentTarget.value), form.changed())} />}
      </Field>
      <ErrorBanner error={form.failure} />
      <div class="actions">
        <button type="submit" class="primary" disabled={form.sending}>
          {t(['确认办结', 'Complete'])}
        </button>
        <button type="button" onClick={onCancel}>
          {t(['取消', 'Cancel'])}
        </button>
      </div>
    </form>
  );
}
