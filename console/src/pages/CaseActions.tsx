import { useEffect, useState } from 'preact/hooks';
import { ClockActionRequest, EmergencyAidRequest, EmptyRequest } from '../../../api/schemas';
import { api, type CaseView, type Clock, type MeView } from '../api';
import { ErrorBanner, Field } from '../components/ui';
import { useT, type Text } from '../i18n';
import { clockLabel } from '../labels';
import { useApiForm } from '../useApiForm';
import { ReviewActions } from './ReviewActions';

type Props = { view: CaseView; me: MeView; onDone(): void };
const open = (view: CaseView, clock: string) => view.clocks.find((c) => c.clock === clock && c.sla !== 'met');

/**
 * What the signed-in role may still do to this case, as the API allows it: the window records first aid and its
 * paperwork; the township's staff the review's steps (ReviewActions); window, reviewers and a department (its own
 * referral only) pause, resume or extend a time limit.
 */
export function CaseActions(props: Props) {
  const t = useT();
  const { view, me } = props;
  const mayTime = (clock: string) => me.role === 'window' || me.role === 'township_reviewer' || me.role === 'reviewer' || (me.role === 'department' && clock === `referral:${me.department}`);
  const clocks = view.clocks.filter((c) => c.sla !== 'met' && mayTime(c.clock));
  const aid = me.role === 'window' && open(view, 'emergency_aid');
  const paperwork = me.role === 'window' && open(view, 'emergency_paperwork');
  const township = me.role === 'window' || me.role === 'township_reviewer';
  if (!aid && !paperwork && !township && clocks.length === 0) return null;
  return (
    <section aria-labelledby="case-actions" class="case-actions">
      <h2 id="case-actions">{t(['办理操作', 'Actions'])}</h2>
      {aid && <EmergencyAidForm {...props} />}
      {paperwork && <PaperworkForm {...props} />}
      {township && <ReviewActions {...props} />}
      {clocks.length > 0 && <ClockActionForm {...props} clocks={clocks} />}
    </section>
  );
}

const AID_FORMS: ['cash' | 'goods' | 'service', Text][] = [
  ['cash', ['现金', 'Cash']],
  ['goods', ['实物', 'Goods']],
  ['service', ['服务', 'Service']],
];

/**
 * 先行救助: within 24 hours, up to the county's limit (3000 yuan by default) given by the township; more, with the
 * reason, is asked of the county (一事一议) — the API names the limit when the reason is missing.
 */
function EmergencyAidForm({ view, onDone }: Props) {
  const t = useT();
  const [amount, setAmount] = useState('');
  const [aidForm, setAidForm] = useState<'cash' | 'goods' | 'service'>('cash');
  const [reason, setReason] = useState('');
  const body = { amountYuan: amount.trim() === '' ? undefined : Number(amount), form: aidForm, ...(reason.trim() === '' ? {} : { reason }) };
  const form = useApiForm(EmergencyAidRequest, body, () => api('POST', `/cases/${view.caseNo}/emergency-aid`, body), onDone);
  return (
    <form class="inline-form" onSubmit={form.submit} noValidate aria-label={t(['先行救助', 'Emergency aid'])}>
      <Field path="amountYuan" label={t(['先行救助金额（元）', 'First aid (yuan)'])} problem={form.problems.amountYuan}>
        {(a) => <input {...a} inputMode="decimal" value={amount} onInput={(e) => (setAmount(e.currentTarget.value), form.changed())} />}
      </Field>
      <Field path="form" label={t(['救助方式', 'Form'])} problem={form.problems.form}>
        {(a) => (
          <select {...a} value={aidForm} onChange={(e) => (setAidForm(e.currentTarget.value as typeof aidForm), form.changed())}>
            {AID_FORMS.map(([value, label]) => (
              <option value={value}>{t(label)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field path="reason" scope="aid" label={t(['超出乡镇额度时报县级审批的说明', 'Above the township’s limit: why the county should give more'])} problem={form.problems.reason}>
        {(a) => <input {...a} value={reason} onInput={(e) => (setReason(e.currentTarget.value), form.changed())} />}
      </Field>
      <ErrorBanner error={form.failure} />
      <div class="actions">
        <button type="submit" class="primary" disabled={form.sending}>
          {t(['登记先行救助', 'Record first aid'])}
        </button>
      </div>
    </form>
  );
}

/** 后补办手续: the paperwork after first aid is complete. */
function PaperworkForm({ view, onDone }: Props) {
  const t = useT();
  const form = useApiForm(EmptyRequest, {}, () => api('POST', `/cases/${view.caseNo}/emergency-paperwork`, {}), onDone);
  return (
    <form onSubmit={form.submit} noValidate aria-label={t(['后补办手续', 'Emergency paperwork'])}>
      <ErrorBanner error={form.failure} />
      <button type="submit" disabled={form.sending}>
        {t(['后补手续已完成', 'Paperwork complete'])}
      </button>
    </form>
  );
}

const CLOCK_ACTIONS: ['pause' | 'resume' | 'extend', Text][] = [
  ['pause', ['暂停（如材料未齐）', 'Pause (e.g. documents missing)']],
  ['resume', ['恢复', 'Resume']],
  ['extend', ['延长', 'Extend']],
];

/** Pause, resume or extend one time limit, always with a reason (recorded, encrypted, in the timeline). */
function ClockActionForm({ view, clocks, onDone }: Props & { clocks: Clock[] }) {
  const t = useT();
  const [clockId, setClockId] = useState(clocks[0].clock);
  const clock = clocks.find((c) => c.clock === clockId) ?? clocks[0];
  const [action, setAction] = useState<'pause' | 'resume' | 'extend'>(clock.paused ? 'resume' : 'pause');
  // A paused clock can be resumed (or extended), a running one paused (or extended).
  const actions = CLOCK_ACTIONS.filter(([value]) => value === 'extend' || (value === 'resume') === clock.paused);
  useEffect(() => setAction(clock.paused ? 'resume' : 'pause'), [clock.clock, clock.paused]);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const body = { reason, ...(action === 'extend' ? { amount: amount.trim() === '' ? undefined : Number(amount) } : {}) };
  const form = useApiForm(ClockActionRequest, body, () => api('POST', `/cases/${view.caseNo}/clocks/${encodeURIComponent(clock.clock)}/${action}`, body), () => {
    setReason('');
    setAmount('');
    onDone();
  });
  return (
    <form class="inline-form" onSubmit={form.submit} noValidate aria-label={t(['时限操作', 'Time limit'])}>
      <Field path="clock" label={t(['时限', 'Time limit'])}>
        {(a) => (
          <select {...a} value={clock.clock} onChange={(e) => (setClockId(e.currentTarget.value), form.changed())}>
            {clocks.map((c) => (
              <option value={c.clock}>{t(clockLabel(c.clock))}</option>
            ))}
          </select>
        )}
      </Field>
      <Field path="action" label={t(['操作', 'Action'])}>
        {(a) => (
          <select {...a} value={action} onChange={(e) => (setAction(e.currentTarget.value as typeof action), form.changed())}>
            {actions.map(([value, label]) => (
              <option value={value}>{t(label)}</option>
            ))}
          </select>
        )}
      </Field>
      {action === 'extend' && (
        <Field path="amount" label={t(['延长量（工作日或小时，按该时限的单位）', 'By (working days or hours, the clock’s unit)'])} problem={form.problems.amount}>
          {(a) => <input {...a} inputMode="decimal" value={amount} onInput={(e) => (setAmount(e.currentTarget.value), form.changed())} />}
        </Field>
      )}
      <Field path="reason" scope="clock" label={t(['理由', 'Reason'])} problem={form.problems.reason}>
        {(a) => <textarea {...a} rows={2} value={reason} onInput={(e) => (setReason(e.currentTarget.value), form.changed())} />}
      </Field>
      <ErrorBanner error={form.failure} />
      <div class="actions">
        <button type="submit" disabled={form.sending}>
          {t(['提交', 'Submit'])}
        </button>
      </div>
    </form>
  );
}
