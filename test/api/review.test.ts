import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { monthOf } from '../../domain/months';
import type { ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildUniqueIntake } from '../support/payments';
import { recordVisit } from '../support/review';
import { useTimeSkippingApi } from '../support/workflowEnv';

/**
 * The review after the referrals (issue 8 items 2–4), through the API on the time-skipping server: the public
 * notice's days pass with `env.sleep`, everything else runs as in production.
 */
describe('township review, public notice and objections', () => {
  const servers = useTimeSkippingApi();
  let env: TestWorkflowEnvironment;
  let api: ApiHarness;
  beforeAll(() => {
    ({ env, api } = servers);
  });

  const stageOf = async (caseNo: string) => (await api.as('township_reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body.stage as string;
  const examined = async (needs: ('dibao' | 'tekun' | 'education')[]) => {
    const unique = buildUniqueIntake(needs);
    const intake = { ...unique, household: { ...unique.household, village: '城关村' } };
    const caseNo = (await api.as('window').post('/api/v1/cases').send(intake).expect(201)).body.caseNo as string;
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted', measures: ['dibao_included'] }).expect(200));
    await eventually(async () => expect(await stageOf(caseNo)).toBe('approval'));
    return { caseNo, intake };
  };
  const decide = (caseNo: string, role: 'township_reviewer' | 'reviewer', body: Record<string, unknown> = {}) =>
    api.as(role).post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'approve', reason: '家庭人均收入低于当地低保标准', ...body });
  const board = async () => (await api.as('window').get('/api/v1/townships/370725001/notices').expect(200)).body.items as Array<Record<string, unknown>>;

  test('when a 低保 case walks intake → verification → referral → investigation → township review → notice with an objection → re-investigation → notice → decision → payment, then each step holds and the approval is final only after a notice without objection', async () => {
    const { caseNo, intake } = await examined(['dibao']);
    // Verification ran by itself at intake; the departments' data arrive, and it runs again: (850 − 900 / 3) × 3.
    await eventually(async () => expect((await api.as('township_reviewer').get(`/api/v1/cases/${caseNo}/verification`)).status).toBe(200));
    await api.as('admin').post('/api/v1/verification-data').send({ batchId: `review-${caseNo}`, source: '县人社局', records: [
      { idNumber: intake.applicant.idNumber, kind: 'income', amountYuan: 900 },
      ...intake.household.members.map((m) => ({ idNumber: m.idNumber, kind: 'income', amountYuan: 0 })),
    ] }).expect(201);
    await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/verification`).send({}).expect(201);
    expect((await api.as('township_reviewer').get(`/api/v1/cases/${caseNo}/benefit-proposal`).expect(200)).body.proposedYuan).toBe(1650);

    // An approval of 低保 states the amount and the first month; another amount than the proposal, why.
    const month = monthOf(new Date());
    const terms = { monthlyAmountYuan: 1650, startMonth: month };
    expect((await decide(caseNo, 'township_reviewer').expect(400)).body.error.details.map((d: { path: string }) => d.path)).toEqual(['monthlyAmountYuan', 'startMonth']);
    expect((await decide(caseNo, 'township_reviewer', { ...terms, monthlyAmountYuan: 1500 }).expect(400)).body.error.details[0].path).toBe('amountReason');
    // The township decides 低保 (the seed's default), and only after a home investigation.
    expect((await decide(caseNo, 'township_reviewer', terms).expect(409)).body.error.code).toBe('investigation_required');
    await recordVisit(api, caseNo);
    expect((await decide(caseNo, 'reviewer', terms).expect(409)).body.error.code).toBe('not_approver');
    const proposed = await decide(caseNo, 'township_reviewer', terms).expect(200);
    expect(proposed.body).toEqual({ caseNo, decision: 'approve', late: false, noticeEndsAt: expect.any(String) });
    // The case's projection follows the workflow a moment after its answer.
    await eventually(async () => expect(await stageOf(caseNo)).toBe('notice'));
    expect((await api.as('township_reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body.decision).toBeNull();

    // The notice board: the name masked, the amount, the end; never an ID number.
    const name = [...intake.applicant.name];
    const entry = (await board()).find((e) => e.caseNo === caseNo);
    expect(entry).toEqual({ caseNo, maskedName: `${name[0]}${'*'.repeat(name.length - 2)}${name[name.length - 1]}`, village: '城关村', needs: ['dibao'], monthlyAmountYuan: 1650, endsAt: proposed.body.noticeEndsAt });
    const stored = await api.db.selectFrom('cases').select('village_cipher').where('case_no', '=', caseNo).executeTakeFirstOrThrow();
    expect(stored.village_cipher).not.toContain('城关');
    const printed = await api.as('window').get('/api/v1/townships/370725001/notices?format=html').expect(200);
    expect(printed.headers['content-type']).toMatch(/^text\/html/);
    expect(printed.text).toContain(entry!.maskedName as string);
    expect(printed.text).toContain('1650.00元/月');
    expect(printed.text).toContain('<td>城关村</td>');
    expect(printed.text).not.toContain(intake.applicant.name);
    expect(printed.text).not.toContain(intake.applicant.idNumber);

    // Two days in, a neighbour objects: the proposal falls, the case is investigated and reviewed again.
    await env.sleep('2 days');
    const objected = await api.as('window').post(`/api/v1/cases/${caseNo}/objections`).send({ reason: '邻居反映其子女有稳定收入' }).expect(201);
    expect(objected.body).toEqual({ caseNo, noticeRound: 1, stage: 'approval' });
    await eventually(async () => expect(await stageOf(caseNo)).toBe('approval'));
    expect((await board()).map((e) => e.caseNo)).not.toContain(caseNo);
    expect((await api.as('window').post(`/api/v1/cases/${caseNo}/objections`).send({ reason: '再次异议' }).expect(409)).body.error.code).toBe('no_open_notice');
    expect((await decide(caseNo, 'township_reviewer', terms).expect(409)).body.error.code).toBe('investigation_required');
    await recordVisit(api, caseNo, '复核：子女在外务工收入不稳定，异议不成立');
    const again = await decide(caseNo, 'township_reviewer', terms).expect(200);
    expect(again.body.late).toBe(false);

    // The second notice ends without objection: the approval is final.
    await env.sleep('8 days');
    const closed = await eventually(async () => {
      const { body } = await api.as('township_reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      expect(body.stage).toBe('closed');
      return body;
    });
    expect(closed.decision).toMatchObject({ decision: 'approve', late: false });
    // The decision in writing states the decided benefit before any payment.
    expect((await api.as('window').get(`/api/v1/cases/${caseNo}/decision-notice`).expect(200)).text).toContain('每月发放救助金1650.00元');
    const { body: notices } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}/notices`).expect(200);
    expect(notices.items.map((n: { round: number; status: string }) => [n.round, n.status])).toEqual([[1, 'objected'], [2, 'passed']]);
    expect(notices.items[0].objection.reason).toBe('邻居反映其子女有稳定收入');
    const visits = (await api.as('township_reviewer').get(`/api/v1/cases/${caseNo}/investigations`).expect(200)).body.items;
    expect(visits.map((v: { reviewRound: number }) => v.reviewRound)).toEqual([0, 1]);
    const types = closed.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t.startsWith('notice_'))).toEqual(['notice_opened', 'notice_objected', 'notice_opened', 'notice_closed']);
    const messages = await api.db.selectFrom('applicant_messages').select('event_key').where('case_no', '=', caseNo).orderBy('id').execute();
    expect(messages.map((m) => m.event_key)).toEqual(['accepted', 'referral:civil_affairs', 'notice:1', 'notice:2', 'decision']);

    // Money follows: the township that approved starts the monthly benefit, at the decided amount unless it says why not.
    const benefit = { monthlyAmountYuan: 1650, startMonth: month, endMonth: month, bankAccount: '6222020200112233445' };
    const other = await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send({ ...benefit, monthlyAmountYuan: 1600 }).expect(400);
    expect(other.body.error.details[0]).toMatchObject({ path: 'amountReason', message: expect.stringContaining('审批决定的1650.00元') });
    await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send(benefit).expect(201);
    await eventually(async () => expect((await api.as('window').get(`/api/v1/cases/${caseNo}/benefit`).expect(200)).body.payments).toHaveLength(1));
  });

  test('when the township passes a hard case up, then only the county decides it, with a reason on record, and the approval clock runs on unchanged', async () => {
    const { caseNo } = await examined(['tekun']);
    const clockBefore = (await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body.clocks.find((c: { clock: string }) => c.clock === 'approval');
    expect((await api.as('window').post(`/api/v1/cases/${caseNo}/escalation`).send({ reason: '家庭情况复杂' }).expect(403)).body.error.code).toBe('forbidden');
    const escalated = await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/escalation`).send({ reason: '家庭成员户籍不一致，情况复杂' }).expect(200);
    expect(escalated.body).toEqual({ caseNo, approver: 'county' });
    expect((await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/escalation`).send({ reason: '再次提级' }).expect(409)).body.error.code).toBe('already_county');

    await recordVisit(api, caseNo);
    expect((await decide(caseNo, 'township_reviewer', { monthlyAmountYuan: 1200, startMonth: monthOf(new Date()) }).expect(409)).body.error.code).toBe('not_approver');
    const { body } = await decide(caseNo, 'reviewer', { decision: 'reject', reason: '家庭财产超过规定' }).expect(200);
    expect(body).toEqual({ caseNo, decision: 'reject', late: false });
    const closed = await eventually(async () => {
      const { body: c } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      expect(c.stage).toBe('closed');
      return c;
    });
    const approval = closed.clocks.find((c: { clock: string }) => c.clock === 'approval');
    expect(approval.dueAt).toBe(clockBefore.dueAt);
    expect(approval.sla).toBe('met');
    const escalation = closed.timeline.find((e: { type: string }) => e.type === 'review_escalated');
    expect(escalation.detail).toEqual({ to: 'county', reason: '家庭成员户籍不一致，情况复杂' });
    const stored = await api.db.selectFrom('case_events').select('detail').where('case_no', '=', caseNo).where('type', '=', 'review_escalated').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.detail)).not.toContain('情况复杂');
    const { body: inbox } = await api.as('reviewer').get('/api/v1/notifications').expect(200);
    expect(inbox.items).toContainEqual(expect.objectContaining({ caseNo, kind: 'review_escalated' }));
  });

  test('when the applicant withdraws during the notice, then the notice is cancelled and leaves the board, and no decision is recorded', async () => {
    const { caseNo } = await examined(['dibao']);
    await recordVisit(api, caseNo);
    await decide(caseNo, 'township_reviewer', { monthlyAmountYuan: 900, startMonth: monthOf(new Date()) }).expect(200);
    expect((await board()).map((e) => e.caseNo)).toContain(caseNo);
    await api.as('window').post(`/api/v1/cases/${caseNo}/withdraw`).send({ reason: '申请人外出务工，主动撤回' }).expect(200);
    await eventually(async () => {
      const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}/notices`).expect(200);
      expect(body.items.map((n: { status: string }) => n.status)).toEqual(['cancelled']);
    });
    expect((await board()).map((e) => e.caseNo)).not.toContain(caseNo);
    const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
    expect(body).toMatchObject({ stage: 'withdrawn', decision: null });
  });
});
