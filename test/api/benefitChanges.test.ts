import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { monthOf, monthStart, nextMonth } from '../../domain/months';
import { benefitWorkflowId } from '../../workflows/messages';
import type { ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';
import { useTimeSkippingApi } from '../support/workflowEnv';

const DAY_MS = 86_400_000;

/**
 * 应退尽退 (issue 9 item 3) through the API on the time-skipping server: a running benefit raised or reduced from
 * next month, stopped from a later one; the months pass with `env.sleep`.
 */
describe('changing and stopping a benefit', () => {
  const servers = useTimeSkippingApi();
  let env: TestWorkflowEnvironment;
  let api: ApiHarness;
  beforeAll(() => {
    ({ env, api } = servers);
  });

  /** A case of the township's own approval (支出型临时救助: final at once) with a benefit paying from this month, open-ended. */
  const paying = async (monthlyAmountYuan: number, endMonth?: string) => {
    const caseNo = (await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['temporary_expense'] })).expect(201)).body.caseNo as string;
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }).expect(200));
    await eventually(() => api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'approve', reason: '医疗支出超过家庭承受能力' }).expect(200));
    await eventually(async () => expect((await api.as('window').get(`/api/v1/cases/${caseNo}`).expect(200)).body.decision).toMatchObject({ decision: 'approve' }));
    await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send({ monthlyAmountYuan, startMonth: monthOf(new Date()), ...(endMonth ? { endMonth } : {}), bankAccount: '6222020200112233445' }).expect(201);
    await eventually(async () => expect((await api.as('window').get(`/api/v1/cases/${caseNo}/benefit`).expect(200)).body.payments).toHaveLength(1));
    return caseNo;
  };
  const change = (caseNo: string, body: Record<string, unknown>) => api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/benefit/changes`).send(body);

  test('when civil affairs reduce a benefit from next month and stop it from the month after, then next month pays the new amount, nothing is paid after the stop, and the household is told in writing', async () => {
    const caseNo = await paying(800);
    const thisMonth = monthOf(new Date());
    const next = nextMonth(thisMonth);
    const stopMonth = nextMonth(next);

    const reduced = await change(caseNo, { kind: 'change', monthlyAmountYuan: 600, reason: '家庭成员就业，收入增加' }).expect(201);
    expect(reduced.body).toMatchObject({ kind: 'change', monthlyAmountYuan: 600, fromMonth: next, reason: '家庭成员就业，收入增加' });
    const stopped = await change(caseNo, { kind: 'stop', fromMonth: stopMonth, reason: '家庭人均收入已超过当地低保标准 <b>' }).expect(201);
    // A retry is the same stop; other terms for that month, a change after the stop, or this month are refused.
    expect((await change(caseNo, { kind: 'stop', fromMonth: stopMonth, reason: '家庭人均收入已超过当地低保标准 <b>' }).expect(200)).body.id).toBe(stopped.body.id);
    expect((await change(caseNo, { kind: 'stop', fromMonth: stopMonth, reason: '另一个理由' }).expect(409)).body.error.code).toBe('change_exists');
    expect((await change(caseNo, { kind: 'change', monthlyAmountYuan: 700, fromMonth: nextMonth(stopMonth), reason: '再调整' }).expect(409)).body.error.code).toBe('benefit_stopped');
    expect((await change(caseNo, { kind: 'change', monthlyAmountYuan: 700, fromMonth: thisMonth, reason: '本月调整' }).expect(400)).body.error.details[0].path).toBe('fromMonth');

    // The months pass: next month is paid at the new amount, the stop month is not, and the benefit ends.
    await env.sleep(monthStart(stopMonth).getTime() + DAY_MS - (await env.currentTimeMs()));
    const result = await env.client.workflow.getHandle(benefitWorkflowId(caseNo)).result();
    expect(result).toEqual({ caseNo, lastMonth: stopMonth, stopped: true });
    const { body: benefit } = await api.as('window').get(`/api/v1/cases/${caseNo}/benefit`).expect(200);
    expect(benefit.payments.map((p: { month: string; amountYuan: number }) => [p.month, p.amountYuan])).toEqual([
      [thisMonth, 800],
      [next, 600],
    ]);
    expect(benefit.changes.map((c: { kind: string; fromMonth: string }) => [c.kind, c.fromMonth])).toEqual([
      ['change', next],
      ['stop', stopMonth],
    ]);

    const messages = await api.db.selectFrom('applicant_messages').select(['event_key', 'body']).where('case_no', '=', caseNo).where('event_key', 'like', 'benefit_%').orderBy('id').execute();
    expect(messages.map((m) => m.event_key)).toEqual([`benefit_changed:${next}`, `benefit_stopped:${stopMonth}`]);
    const notice = await api.as('window').get(`/api/v1/cases/${caseNo}/benefit/changes/${stopped.body.id}/notice`).expect(200);
    expect(notice.headers['cache-control']).toBe('no-store');
    expect(notice.text).toContain('<h1>停发社会救助金告知书</h1>');
    expect(notice.text).toContain(`经复核，决定自${stopMonth.replace('-', '年')}月起停发你家庭的社会救助金。理由：家庭人均收入已超过当地低保标准 &lt;b&gt;`);
    const stored = await api.db.selectFrom('benefit_changes').select('reason_cipher').where('id', '=', stopped.body.id).executeTakeFirstOrThrow();
    expect(stored.reason_cipher).not.toContain('收入');
  });

  test('when a benefit ends this month, then a change from next month is refused: it has ended', async () => {
    const caseNo = await paying(500, monthOf(new Date()));
    expect((await change(caseNo, { kind: 'stop', reason: '停发' }).expect(409)).body.error.code).toBe('benefit_ended');
  });

  test('when a change names no amount, a stop names one, or the case has no benefit, then 400 names the field or 404 says so', async () => {
    const caseNo = (await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['temporary_expense'] })).expect(201)).body.caseNo as string;
    expect((await change(caseNo, { kind: 'change', reason: '调整' }).expect(400)).body.error.details[0].path).toBe('monthlyAmountYuan');
    expect((await change(caseNo, { kind: 'stop', monthlyAmountYuan: 100, reason: '停发' }).expect(400)).body.error.details[0].path).toBe('monthlyAmountYuan');
    expect((await change(caseNo, { kind: 'stop', reason: '停发' }).expect(404)).body.error.code).toBe('not_found');
    expect((await api.as('window').post(`/api/v1/cases/${caseNo}/benefit/changes`).send({ kind: 'stop', reason: '停发' }).expect(403)).body.error.code).toBe('forbidden');
  });
});
