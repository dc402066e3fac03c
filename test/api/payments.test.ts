import { saveBenefit } from '../../db/repositories/benefits';
import { monthOf } from '../../domain/months';
import { benefitWorkflow } from '../../workflows/benefit';
import { benefitWorkflowId } from '../../workflows/messages';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';
import { buildUniqueIntake } from '../support/payments';

/** Payments over HTTP, on the dev server and PostgreSQL: first aid from the reserve fund, and a monthly benefit. */
describe('payments over HTTP', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const openCase = async (needs: string[], emergency?: { description: string; requestedAmountYuan: number }) => {
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: needs as never, emergency })).expect(201);
    return body.caseNo as string;
  };
  const fund = async () => (await api.as('window').get('/api/v1/townships/370725001/reserve-fund').expect(200)).body;

  test('when the window records first aid, then it is paid from the township reserve fund, once, and shows in the ledger and the timeline', async () => {
    const caseNo = await openCase(['temporary_emergency'], { description: '火灾致房屋损毁', requestedAmountYuan: 1200 });
    const before = await fund();
    await eventually(() => api.as('window').post(`/api/v1/cases/${caseNo}/emergency-aid`).send({ amountYuan: 1200, form: 'cash' }).expect(200));

    const after = await eventually(async () => {
      const now = await fund();
      expect(now.entries.find((e: { caseNo: string | null }) => e.caseNo === caseNo)).toMatchObject({ kind: 'payment', amountYuan: -1200 });
      return now;
    });
    expect(after.balanceYuan).toBeLessThanOrEqual(before.balanceYuan - 1200);
    expect(after.entries.filter((e: { caseNo: string | null }) => e.caseNo === caseNo)).toHaveLength(1);
    const timeline = (await api.as('window').get(`/api/v1/cases/${caseNo}`).expect(200)).body.timeline.map((e: { type: string }) => e.type);
    expect(timeline).toContain('reserve_fund_paid');
  });

  test('when the county replenishes the fund twice with one reference, then one entry is made and the balance rises once', async () => {
    const before = await fund();
    const reference = `昌财社〔2026〕${Date.now()}号`;
    const first = await api.as('admin').post('/api/v1/townships/370725001/reserve-fund/replenishments').send({ amountYuan: 5000, reference }).expect(201);
    const again = await api.as('admin').post('/api/v1/townships/370725001/reserve-fund/replenishments').send({ amountYuan: 5000, reference }).expect(200);
    expect(again.body).toEqual(first.body);
    const other = await api.as('admin').post('/api/v1/townships/370725001/reserve-fund/replenishments').send({ amountYuan: 7000, reference }).expect(409);
    expect(other.body.error.details[0].path).toBe('reference');
    const after = await fund();
    expect(after.balanceYuan).toBe(before.balanceYuan + 5000);
    expect(after.entries.filter((e: { reference: string }) => e.reference === `replenishment:${reference}`)).toHaveLength(1);
  });

  test('when a verified case is approved, then the proposed amount is (standard − per-capita income) × household size, and another amount needs a reason', async () => {
    // 支出型临时救助: verified like 低保, and its approval is final at once (低保's goes through a public notice: review.test.ts).
    const intake = buildUniqueIntake(['temporary_expense']);
    const caseNo = (await api.as('window').post('/api/v1/cases').send(intake).expect(201)).body.caseNo as string;
    // The workflow's own verification comes first, before this household's data arrives.
    await eventually(async () => expect(await api.db.selectFrom('verifications').select('id').where('case_no', '=', caseNo).execute()).toHaveLength(1));
    await api.as('admin').post('/api/v1/verification-data').send({ batchId: `proposal-${caseNo}`, source: '县人社局', records: [
      { idNumber: intake.applicant.idNumber, kind: 'income', amountYuan: 900 },
      ...intake.household.members.map((m) => ({ idNumber: m.idNumber, kind: 'income', amountYuan: 0 })),
    ] }).expect(201);
    // Education assistance needs no verification, and this case's own is incomplete (no data yet): no proposal.
    await api.as('window').get(`/api/v1/cases/${caseNo}/benefit-proposal`).expect(409);
    await api.as('window').get(`/api/v1/cases/${await openCase(['education'])}/benefit-proposal`).expect(409);
    await api.as('reviewer').post(`/api/v1/cases/${caseNo}/verification`).send({}).expect(201);
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }).expect(200));
    // The case workflow learns of the completed examination a moment after the department's answer.
    await eventually(() => api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'approve', reason: '符合条件' }).expect(200));

    const { body: proposal } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}/benefit-proposal`).expect(200);
    expect(proposal).toMatchObject({ standardYuan: 850, perCapitaIncomeYuan: 300, householdSize: 3, computedYuan: 1650, proposedYuan: 1650, flooredAtMinimum: false });

    const terms = { startMonth: '2099-01', bankAccount: '6222020200112233445' };
    const unexplained = await api.as('reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send({ ...terms, monthlyAmountYuan: 1500 }).expect(400);
    expect(unexplained.body.error.details).toEqual([expect.objectContaining({ path: 'amountReason' })]);
    await api.as('reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send({ ...terms, monthlyAmountYuan: 1500, amountReason: '家庭成员有稳定赡养费' }).expect(201);
    const stored = await api.db.selectFrom('benefits').select(['proposed_amount_yuan', 'amount_reason_cipher']).where('case_no', '=', caseNo).executeTakeFirstOrThrow();
    expect(stored.proposed_amount_yuan).toBe('1650.00');
    expect(api.pii.decrypt(stored.amount_reason_cipher!)).toBe('家庭成员有稳定赡养费');
    await api.temporal.workflow.getHandle(`benefit-${caseNo}`).terminate('test finished');
  });

  test('when an approved case’s benefit starts this month, then the month is paid once into the encrypted account, and a retried start changes nothing', async () => {
    const caseNo = await openCase(['temporary_expense']);
    const benefit = { monthlyAmountYuan: 960, startMonth: monthOf(new Date()), endMonth: monthOf(new Date()), bankAccount: '6222020200112233445', amountReason: '参照核对结果酌定' };
    await api.as('reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send(benefit).expect(409);

    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted', measures: ['temporary_aid_paid'] }).expect(200));
    // The case workflow learns of the completed examination a moment after the department's answer.
    await eventually(() => api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'approve', reason: '医疗支出超过家庭承受能力' }).expect(200));
    const started = await api.as('reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send(benefit).expect(201);
    expect(started.body.bankAccount).toBe('***************3445');
    await api.as('reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send(benefit).expect(200);
    await api.as('reviewer').post(`/api/v1/cases/${caseNo}/benefit`).send({ ...benefit, monthlyAmountYuan: 1000 }).expect(409);

    const paid = await eventually(async () => {
      const { body } = await api.as('window').get(`/api/v1/cases/${caseNo}/benefit`).expect(200);
      expect(body.payments).toHaveLength(1);
      return body;
    });
    expect(paid).toMatchObject({ caseNo, monthlyAmountYuan: 960, bankAccount: '***************3445', payments: [{ month: benefit.startMonth, amountYuan: 960 }] });
    const stored = await api.db.selectFrom('benefits').select('bank_account_cipher').where('case_no', '=', caseNo).executeTakeFirstOrThrow();
    expect(stored.bank_account_cipher).not.toContain('3445');
    expect(api.pii.decrypt(stored.bank_account_cipher)).toBe(benefit.bankAccount);
    await api.temporal.workflow.getHandle(`benefit-${caseNo}`).result();
  });

  test('when two runs for the same benefit overlap, then the month is written once', async () => {
    const caseNo = await openCase(['dibao']);
    const month = monthOf(new Date());
    await saveBenefit(api.db, { caseNo, monthlyAmountYuan: 700, startMonth: month, endMonth: month, bankAccountCipher: api.pii.encrypt('6222020200112233445'), approvedBy: 'staff:0' });

    const input = { caseNo, month, endMonth: month };
    await Promise.all(
      [benefitWorkflowId(caseNo), `${benefitWorkflowId(caseNo)}-overlap`].map((workflowId) => api.temporal.workflow.execute(benefitWorkflow, { workflowId, taskQueue: api.taskQueue, args: [input] })),
    );

    const rows = await api.db.selectFrom('benefit_payments').select(['month', 'run_id']).where('case_no', '=', caseNo).execute();
    expect(rows.map((r) => r.month)).toEqual([month]);
    const events = await api.db.selectFrom('case_events').select('type').where('case_no', '=', caseNo).where('type', '=', 'benefit_paid').execute();
    expect(events).toHaveLength(1);
  });
});
