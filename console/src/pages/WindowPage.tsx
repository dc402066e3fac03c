import { useMemo, useState } from 'preact/hooks';
import { IntakeRequest, RELATIONS } from '../../../api/schemas';
import { NEED_CODES } from '../../../domain/needs';
import { api, ApiError, newIdempotencyKey, type LeadView, type MeView, type Receipt } from '../api';
import { ErrorBanner, Field, fieldId, problemsOf, zodProblems, type Problems } from '../components/ui';
import { useT } from '../i18n';
import { needLabel, RELATION_LABELS } from '../labels';
import { useTownshipName } from '../reference';
import { emptyDraft, intakeBody, type IntakeDraft } from './intakeDraft';
import { IntakeReceiptView } from './IntakeReceiptView';
import { LeadConverted } from './LeadsPage';

/** A lead's facts as the intake form's start: who, how to reach them, the hardship as the circumstances. */
const draftOfLead = (lead: LeadView): IntakeDraft => ({
  ...emptyDraft(),
  applicant: { name: lead.name, idNumber: lead.idNumber ?? '', phone: lead.phone ?? '' },
  narrative: lead.hardship,
});

/**
 * 受理窗口: open a case — or, from a lead (主动发现), convert it into one, the form prefilled from the lead. The form
 * checks itself with the API's own schema as the clerk types.
 */
export function WindowPage({ me, lead }: { me: MeView; lead?: LeadView }) {
  const t = useT();
  const townshipName = useTownshipName();
  const [draft, setDraft] = useState<IntakeDraft>(() => (lead ? draftOfLead(lead) : emptyDraft()));
  const [converted, setConverted] = useState<LeadView | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  // One key per case being typed: a retried submission (a timeout, a double click) opens the same case.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [receipt, setReceipt] = useState<{ receipt: Receipt; applicantName: string } | null>(null);

  const township = me.township ?? '';
  const body = intakeBody(draft, township);
  const clientProblems = useMemo(() => zodProblems(IntakeRequest.safeParse(body)), [JSON.stringify(body), t.lang]);
  const shown: Problems = { ...Object.fromEntries(Object.entries(clientProblems).filter(([path]) => submitted || touched.has(path))), ...serverProblems };

  const edit = (path: string, change: (d: IntakeDraft) => void) => {
    const next = structuredClone(draft);
    change(next);
    setDraft(next);
    setTouched(new Set(touched).add(path));
    if (serverProblems[path]) setServerProblems(Object.fromEntries(Object.entries(serverProblems).filter(([p]) => p !== path)));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (Object.keys(clientProblems).length > 0) {
      setTimeout(focusFirstProblem);
      return;
    }
    setSending(true);
    try {
      if (lead) setConverted(await api<LeadView>('POST', `/leads/${lead.id}/convert`, body, { 'Idempotency-Key': idempotencyKey }));
      else setReceipt({ receipt: await api<Receipt>('POST', '/cases', body, { 'Idempotency-Key': idempotencyKey }), applicantName: draft.applicant.name });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.details.length > 0) {
        setServerProblems(problemsOf(err.details));
        setTimeout(focusFirstProblem);
      }
      setFailure(err);
    } finally {
      setSending(false);
    }
  };

  const startOver = () => {
    setDraft(emptyDraft());
    setTouched(new Set());
    setSubmitted(false);
    setServerProblems({});
    setFailure(null);
    setIdempotencyKey(newIdempotencyKey());
    setReceipt(null);
  };

  if (receipt) return <IntakeReceiptView {...receipt} onNext={startOver} />;
  if (converted) return <LeadConverted lead={converted} />;

  const text = (path: string, label: string, value: string, set: (d: IntakeDraft, v: string) => void, attrs: Record<string, unknown> = {}) => (
    <Field path={path} label={label} problem={shown[path]}>
      {(a) => <input {...a} {...attrs} value={value} onInput={(e) => edit(path, (d) => set(d, e.currentTarget.value))} />}
    </Field>
  );

  return (
    <section aria-labelledby="window-title">
      <h1 id="window-title">{lead ? t(['线索转为案件', 'Open a case from a lead']) : t(['受理申请', 'Open a case'])}</h1>
      <p class="muted">
        {t(['受理乡镇（街道）', 'Township'])}: <strong>{townshipName(township)}</strong> ({township})
      </p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t(['申请人', 'Applicant'])}</legend>
          <div class="row">
            {text('applicant.name', t(['姓名', 'Name']), draft.applicant.name, (d, v) => (d.applicant.name = v), { autocomplete: 'off' })}
            {text('applicant.idNumber', t(['身份证号', 'ID number']), draft.applicant.idNumber, (d, v) => (d.applicant.idNumber = v.toUpperCase()), { maxLength: 18, inputMode: 'text', autocomplete: 'off' })}
            {text('applicant.phone', t(['联系电话（选填）', 'Phone (optional)']), draft.applicant.phone, (d, v) => (d.applicant.phone = v), { inputMode: 'tel', autocomplete: 'off' })}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t(['共同生活的家庭成员', 'Household members'])}</legend>
          {text('household.village', t(['所在村（社区）（选填，公示时使用）', 'Village or community (optional; for the public notice)']), draft.village, (d, v) => (d.village = v), { autocomplete: 'off' })}
          {draft.members.map((m, i) => (
            <div class="row member" key={i}>
              {text(`household.members.${i}.name`, t(['姓名', 'Name']), m.name, (d, v) => (d.members[i].name = v), { autocomplete: 'off' })}
              {text(`household.members.${i}.idNumber`, t(['身份证号', 'ID number']), m.idNumber, (d, v) => (d.members[i].idNumber = v.toUpperCase()), { maxLength: 18, autocomplete: 'off' })}
              <Field path={`household.members.${i}.relation`} label={t(['与申请人关系', 'Relation'])} problem={shown[`household.members.${i}.relation`]}>
                {(a) => (
                  <select {...a} value={m.relation} onChange={(e) => edit(a.name, (d) => (d.members[i].relation = e.currentTarget.value as typeof m.relation))}>
                    {RELATIONS.map((r) => (
                      <option value={r}>{t(RELATION_LABELS[r])}</option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="button" class="link" onClick={() => edit('household.members', (d) => d.members.splice(i, 1))}>
                {t(['删除', 'Remove'])}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => edit('household.members', (d) => d.members.push({ name: '', idNumber: '', relation: 'child' }))}>
            {t(['＋ 添加家庭成员', '+ Add a member'])}
          </button>
        </fieldset>

        <fieldset aria-describedby={shown.needs ? 'needs-error' : undefined}>
          <legend>{t(['救助需求', 'Needs'])}</legend>
          <div class="checks">
            {NEED_CODES.map((need) => (
              <label class="check" key={need}>
                <input
                  type="checkbox"
                  name="needs"
                  value={need}
                  checked={draft.needs.includes(need)}
                  onChange={(e) =>
                    edit('needs', (d) => {
                      d.needs = e.currentTarget.checked ? NEED_CODES.filter((n) => n === need || d.needs.includes(n)) : d.needs.filter((n) => n !== need);
                    })
                  }
                />
                {t(needLabel(need))}
              </label>
            ))}
          </div>
          {shown.needs && (
            <small id="needs-error" class="error" role="alert" data-path="needs">
              {t.msg(shown.needs)}
            </small>
          )}
        </fieldset>

        {draft.needs.includes('temporary_emergency') && (
          <fieldset>
            <legend>{t(['急难情况', 'Emergency'])}</legend>
            <Field path="emergency.description" label={t(['急难情况说明', 'What happened'])} problem={shown['emergency.description'] ?? shown.emergency}>
              {(a) => <textarea {...a} rows={2} value={draft.emergency.description} onInput={(e) => edit(a.name, (d) => (d.emergency.description = e.currentTarget.value))} />}
            </Field>
            {text('emergency.requestedAmountYuan', t(['申请金额（元）', 'Amount requested (yuan)']), draft.emergency.requestedAmountYuan, (d, v) => (d.emergency.requestedAmountYuan = v), { inputMode: 'decimal' })}
          </fieldset>
        )}

        <Field path="narrative" label={t(['家庭困难情况（选填）', 'Circumstances (optional)'])} problem={shown.narrative}>
          {(a) => <textarea {...a} rows={3} value={draft.narrative} onInput={(e) => edit(a.name, (d) => (d.narrative = e.currentTarget.value))} />}
        </Field>

        <ErrorBanner error={failure} />
        <div class="actions">
          <button type="submit" class="primary" disabled={sending}>
            {sending ? t(['提交中…', 'Sending…']) : t(['受理并生成告知书', 'Open the case'])}
          </button>
        </div>
      </form>
    </section>
  );
}

/** After a refused submission, the cursor goes to the first field in error. */
function focusFirstProblem() {
  const path = document.querySelector<HTMLElement>('.error[data-path]')?.dataset.path;
  if (!path) return;
  const target = path === 'needs' ? document.querySelector<HTMLElement>('input[name="needs"]') : document.getElementById(fieldId(path));
  target?.focus();
}
