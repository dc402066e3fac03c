import { monthOf } from '../../domain/months';
import { decideAtTownship } from '../support/review';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/** The decision in writing, served as a printable HTML page. */
describe('decision notices', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const decided = async (decision: 'approve' | 'reject', reason: string) => {
    // An approval of 支出型临时救助 is final at once; 低保 and 特困 go through a public notice first (test/api/review.test.ts).
    const intake = buildIntake({ needs: [decision === 'approve' ? 'temporary_expense' : 'dibao'] });
    const { body } = await api.as('window').post('/api/v1/cases').send(intake).expect(201);
    const caseNo = body.caseNo as string;
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: decision === 'approve' ? 'granted' : 'not_eligible' }).expect(200));
    // The case workflow learns of the completed examination a moment after the department's answer.
    await eventually(() => decideAtTownship(api, caseNo, decision, reason).then((r) => expect(r.status).toBe(200)));
    return { caseNo, intake };
  };

  test('when a case is approved with a benefit, then its 决定书 names the applicant, the programme, the monthly amount and the right of appeal', async () => {
    const { caseNo, intake } = await decided('approve', '家庭人均收入低于当地低保标准');
    await api.as('reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send({ monthlyAmountYuan: 1275.5, startMonth: monthOf(new Date()), endMonth: monthOf(new Date()), bankAccount: '6222020200112233445', amountReason: '参照核对结果酌定' }).expect(201);

    const res = await api.as('window').get(`/api/v1/cases/${caseNo}/decision-notice`).expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<h1>社会救助审批决定书</h1>');
    expect(res.text).toContain(`${intake.applicant.name}（身份证号：${intake.applicant.idNumber}）`);
    expect(res.text).toContain('决定对你家庭给予支出型临时救助');
    expect(res.text).toContain('每月发放救助金1275.50元');
    expect(res.text).toContain('行政复议');
    expect(res.text).toContain('昌乐县民政局');
  });

  test('when a case is rejected, then its 不予救助告知书 gives the reason, escaped', async () => {
    const { caseNo } = await decided('reject', '家庭存款超过规定 <script>alert(1)</script>');

    const res = await api.as('reviewer').get(`/api/v1/cases/${caseNo}/decision-notice`).expect(200);

    expect(res.text).toContain('<h1>不予救助告知书</h1>');
    expect(res.text).toContain('决定不予救助。理由：家庭存款超过规定 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>');
  });
});
