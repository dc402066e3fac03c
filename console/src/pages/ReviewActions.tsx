import { useState } from 'preact/hooks';
import { HomeInvestigationRequest } from '../../../api/investigationSchemas';
import { beijingDate } from '../../../domain/calendar';
import { NOTICED_NEEDS } from '../../../domain/review';
import { api, type CaseView, type MeView } from '../api';
import { ReasonForm } from '../components/ReasonForm';
import { ErrorBanner, Field } from '../components/ui';
import { useT } from '../i18n';
import { useApiForm } from '../useApiForm';

type Props = { view: CaseView; me: MeView; onDone(): void };

/**
 * The township's part of the review (docs/review-and-notice.md): the home visit 低保 and 特困 need before the
 * decision (again after an objection), an objection while the public notice runs, passing a hard case up.
 */
export function ReviewActions(props: Props) {
  const { view, me } = props;
  const township = me.role === 'window' || me.role === 'township_reviewer';
  const reviewing = view.stage === 'referral' || view.stage === 'approval';
  return (
    <>
      {me.role === 'window' && reviewing && view.needs.some((n) => NOTICED_NEEDS.includes(n)) && <HomeVisitForm {...props} />}
      {township && view.stage === 'notice' && (
        <ReasonForm title={['公示异议', 'Objection to the notice']} label={['异议内容', 'The objection']} submit={['登记异议', 'Record the objection']} scope="objection" send={(body) => api('POST', `/cases/${view.caseNo}/objections`, body)} onDone={props.onDone} />
      )}
      {me.role === 'township_reviewer' && reviewing && (
        <ReasonForm title={['提级至县级审批', 'Pass up to the county']} label={['提级理由', 'Why the county should decide']} submit={['提级', 'Pass up']} scope="escalation" send={(body) => api('POST', `/cases/${view.caseNo}/escalation`, body)} onDone={props.onDone} />
      )}
    </>
  );
}

/** 入户调查: the visit with at least two staff (the clerk and colleagues, by staff number), the neighbours asked, the findings. */
function HomeVisitForm({ view, me, onDone }: Props) {
  const t = useT();
  const [visitedOn, setVisitedOn] = useState(beijingDate(new Date()));
  const [staff, setStaff] = useState(String(me.id));
  const [neighbours, setNeighbours] = useState('');
  const [findings, setFindings] = useState('');
  const body = {
    visitedOn,
    staffIds: staff.split(/[,，\s]+/).filter(Boolean).map(Number),
    neighboursAsked: neighbours.trim() === '' ? undefined : Number(neighbours),
    findings,
  };
  const form = useApiForm(HomeInvestigationRequest, body, () => api('POST', `/cases/${view.caseNo}/investigations`, body), () => (setFindings(''), onDone()));
  return (
    <form class="inline-form" onSubmit={form.submit} noValidate aria-label={t(['入户调查', 'Home visit'])}>
      <Field path="visitedOn" label={t(['走访日期', 'Visited on'])} problem={form.problems.visitedOn}>
        {(a) => <input {...a} type="date" value={visitedOn} onInput={(e) => (setVisitedOn(e.currentTarget.value), form.changed())} />}
      </Field>
      <Field path="staffIds" label={t(['调查人员编号（至少两人，逗号分隔）', 'Staff numbers (two at least, comma-separated)'])} problem={form.problems.staffIds ?? form.problems['staffIds.0'] ?? form.problems['staffIds.1']}>
        {(a) => <input {...a} value={staff} onInput={(e) => (setStaff(e.currentTarget.value), form.changed())} />}
      </Field>
      <Field path="neighboursAsked" label={t(['走访邻里人数', 'Neighbours asked'])} problem={form.problems.neighboursAsked}>
        {(a) => <input {...a} inputMode="numeric" value={neighbours} onInput={(e) => (setNeighbours(e.currentTarget.value), form.changed())} />}
      </Field>
      <Field path="findings" label={t(['调查情况', 'Findings'])} problem={form.problems.findings}>
        {(a) => <textarea {...a} rows={3} value={findings} onInput={(e) => (setFindings(e.currentTarget.value), form.changed())} />}
      </Field>
      <ErrorBanner error={form.failure} />
      <div class="actions">
        <button type="submit" disabled={form.sending}>
          {t(['登记入户调查', 'Record the visit'])}
        </button>
      </div>
    </form>
  );
}
