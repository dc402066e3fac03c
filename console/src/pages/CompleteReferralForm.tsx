import { useState } from 'preact/hooks';
import { ReferralCompletionRequest } from '../../../api/schemas';
import { REFERRAL_OUTCOMES, type ReferralOutcome } from '../../../domain/stages';
import { api, ApiError, type InboxEntry } from '../api';
import { ErrorBanner, Field, problemsOf, zodProblems, type Problems } from '../components/ui';
import { useT } from '../i18n';
import { OUTCOME_LABELS } from '../labels';

/** 办结: a department reports its outcome and measures (one a line), checked with the API's schema as typed. */
export function CompleteReferralForm({ referral, onDone, onCancel }: { referral: InboxEntry; onDone(): void; onCancel(): void }) {
  const t = useT();
  const [outcome, setOutcome] = useState<ReferralOutcome>('granted');
  const [measures, setMeasures] = useState('');
  const [note, setNote] = useState('');
  const [serverProblems, setServerProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  const body = { outcome, measures: measures.split('\n').filter((line) => line.trim() !== ''), ...(note.trim() ? { note } : {}) };
  const problems = { ...zodProblems(ReferralCompletionRequest.safeParse(body)), ...serverProblems };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (Object.keys(problems).length > 0) return;
    setSending(true);
    setFailure(null);
    try {
      await api('POST', `/referrals/${referral.id}/complete`, body);
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setServerProblems(problemsOf(err.details));
      setFailure(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="inline-form" onSubmit={submit} noValidate aria-label={t(['办结', 'Complete'])}>
      <Field path="outcome" label={t(['办理结果', 'Outcome'])} problem={problems.outcome}>
        {(a) => (
          <select {...a} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as ReferralOutcome)}>
            {REFERRAL_OUTCOMES.map((o) => (
              <option value={o}>{t(OUTCOME_LABELS[o])}</option>
            ))}
          </select>
        )}
      </Field>
      <Field path="measures" label={t(['救助措施（每行一项）', 'Measures (one a line)'])} problem={Object.entries(problems).find(([p]) => p.startsWith('measures'))?.[1]}>
        {(a) => <textarea {...a} rows={2} value={measures} onInput={(e) => setMeasures(e.currentTarget.value)} />}
      </Field>
      <Field path="note" label={t(['备注（选填）', 'Note (optional)'])} problem={problems.note}>
        {(a) => <textarea {...a} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      <ErrorBanner error={failure} />
      <div class="actions">
        <button type="submit" class="primary" disabled={sending}>
          {t(['确认办结', 'Complete'])}
        </button>
        <button type="button" onClick={onCancel}>
          {t(['取消', 'Cancel'])}
        </button>
      </div>
    </form>
  );
}
