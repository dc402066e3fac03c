import { useState } from 'preact/hooks';
import { ReferralCompletionRequest } from '../../../api/schemas';
import { measuresOf, type MeasureCode } from '../../../domain/measures';
import { REFERRAL_OUTCOMES, type ReferralOutcome } from '../../../domain/stages';
import { api, type InboxEntry } from '../api';
import { FormButtons } from '../components/ReasonForm';
import { ErrorBanner, Field } from '../components/ui';
import { useT } from '../i18n';
import { measureLabel, OUTCOME_LABELS } from '../labels';
import { useApiForm } from '../useApiForm';

/**
 * 办结: a department reports its outcome and the measures it granted — codes from its own catalogue, ticked —
 * with anything more in the note (encrypted by the API); checked with the API's schema as typed.
 */
export function CompleteReferralForm({ referral, onDone, onCancel }: { referral: InboxEntry; onDone(): void; onCancel(): void }) {
  const t = useT();
  const [outcome, setOutcome] = useState<ReferralOutcome>('granted');
  const [measures, setMeasures] = useState<MeasureCode[]>([]);
  const [note, setNote] = useState('');
  const body = { outcome, measures, ...(note.trim() ? { note } : {}) };
  const form = useApiForm(ReferralCompletionRequest, body, () => api('POST', `/referrals/${referral.id}/complete`, body), onDone);
  const measuresProblem = Object.entries(form.problems).find(([path]) => path.startsWith('measures'))?.[1];
  const toggle = (code: MeasureCode, on: boolean) => (setMeasures((now) => (on ? [...now, code] : now.filter((c) => c !== code))), form.changed());

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
      <fieldset class="measures">
        <legend>{t(['救助措施', 'Measures'])}</legend>
        {measuresOf(referral.department).map((code) => (
          <label key={code}>
            <input type="checkbox" checked={measures.includes(code)} onChange={(e) => toggle(code, e.currentTarget.checked)} />
            {t(measureLabel(code))}
          </label>
        ))}
        {measuresProblem && (
          <small class="error" role="alert" data-path="measures">
            {t.msg(measuresProblem)}
          </small>
        )}
      </fieldset>
      <Field path="note" label={t(['说明（选填，仅本部门与民政可见）', 'Detail (optional; seen by your department and civil affairs only)'])} problem={form.problems.note}>
        {(a) => <textarea {...a} rows={2} value={note} onInput={(e) => (setNote(e.currentTarget.value), form.changed())} />}
      </Field>
      <ErrorBanner error={form.failure} />
      <FormButtons sending={form.sending} submit={['确认办结', 'Complete']} onCancel={onCancel} />
    </form>
  );
}
