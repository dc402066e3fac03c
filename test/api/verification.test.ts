import { randomUUID } from 'node:crypto';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildUniqueIntake, uniqueIdNumber } from '../support/payments';

/** Family economic verification over HTTP: batches in (JSON and CSV), a case's result out. */
describe('family economic verification', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  /** A case of three: the applicant, a spouse and a child, with their ID numbers. */
  const openFamily = async () => {
    const intake = buildUniqueIntake(['dibao']);
    const { body } = await api.as('window').post('/api/v1/cases').send(intake).expect(201);
    const caseNo = body.caseNo as string;
    // The workflow's own verification step comes first (before any data of this test exists).
    await eventually(async () => expect(await runsOf(caseNo)).toEqual([{ run_key: 'workflow:verification' }]));
    return { caseNo, ids: [intake.applicant.idNumber, ...intake.household.members.map((m) => m.idNumber)] };
  };
  const runsOf = (caseNo: string) => api.db.selectFrom('verifications').select('run_key').where('case_no', '=', caseNo).execute();
  const deliver = (records: unknown[], batchId = `batch-${randomUUID()}`) => api.as('admin').post('/api/v1/verification-data').send({ batchId, source: '县人社局', records });

  test('when income and assets are on record, then the result compares per-capita income with the standard, checks each asset rule and keeps the evidence', async () => {
    const { caseNo, ids } = await openFamily();
    const delivered = await deliver([
      { idNumber: ids[0], kind: 'income', amountYuan: 900, period: '2026-10' },
      { idNumber: ids[1], kind: 'social_insurance', amountYuan: 300 },
      { idNumber: ids[1], kind: 'deposit', amountYuan: 12000 },
      { idNumber: ids[2], kind: 'deposit', amountYuan: 0 },
      { idNumber: uniqueIdNumber(), kind: 'income', amountYuan: 5000 },
    ]).expect(201);
    expect(delivered.body).toMatchObject({ records: 5, people: 4, matchedPeople: 3, replayed: false });

    const { body } = await api.as('reviewer').post(`/api/v1/cases/${caseNo}/verification`).send({}).expect(201);

    expect(body).toMatchObject({ caseNo, provider: 'postgresql', householdSize: 3, standardYuan: 850, perCapitaIncomeYuan: 400, eligible: true, valid: true, findings: [] });
    expect(body.rules).toEqual([
      { rule: 'income', passed: true, value: 400, limit: 850 },
      { rule: 'deposits', passed: true, value: 4000, limit: 850 * 24 },
      { rule: 'vehicles', passed: true, value: 0, limit: 0 },
      { rule: 'real_estate', passed: true, value: 0, limit: 1 },
      { rule: 'business', passed: true, value: 0, limit: 0 },
    ]);
    expect(body.evidence).toHaveLength(4);
    expect(new Date(body.validUntil).getTime() - new Date(body.verifiedAt).getTime()).toBe(90 * 86_400_000);
    const shown = await api.as('window').get(`/api/v1/cases/${caseNo}/verification`).expect(200);
    expect(shown.body).toEqual(body);
    const timeline = (await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body.timeline;
    expect(timeline.find((e: { type: string }) => e.type === 'economic_verification').detail).toMatchObject({ eligible: true, failed: [] });
  });

  test('when a member has no data and another owns a vehicle and a business, then the missing data is a finding and the failed rules are named', async () => {
    const { caseNo, ids } = await openFamily();
    const csv = ['idNumber,kind,amountYuan,period', `${ids[0]},vehicle,80000,`, `${ids[0]},business,50000,`, `${ids[1]},income,3000,2026-10`].join('\n');
    await api.as('admin').post(`/api/v1/verification-data?batchId=csv-${randomUUID()}&source=${encodeURIComponent('县市场监管局')}`).set('Content-Type', 'text/csv').send(csv).expect(201);

    const { body } = await api.as('window').post(`/api/v1/cases/${caseNo}/verification`).send({}).expect(201);

    expect(body.eligible).toBe(false);
    expect(body.rules.filter((r: { passed: boolean }) => !r.passed).map((r: { rule: string }) => r.rule)).toEqual(['income', 'vehicles', 'business']);
    expect(body.findings).toHaveLength(1);
    expect(body.findings[0].code).toBe('no_data');
  });

  test('when a batch is sent again, then it is stored once; the same batch id with other data is refused', async () => {
    const { ids } = await openFamily();
    const batchId = `batch-${randomUUID()}`;
    const records = [{ idNumber: ids[0], kind: 'income', amountYuan: 100 }];
    await deliver(records, batchId).expect(201);
    const again = await deliver(records, batchId).expect(200);
    expect(again.body.replayed).toBe(true);
    const other = await deliver([{ ...records[0], amountYuan: 200 }], batchId).expect(409);
    expect(other.body.error.details[0].path).toBe('batchId');
    const stored = await api.db.selectFrom('verification_records').select('amount_yuan').where('batch_id', '=', batchId).execute();
    expect(stored).toEqual([{ amount_yuan: '100.00' }]);
  });

  test('when one record of a batch is invalid, then 400 names it and nothing of the batch is stored; ID numbers are stored only as the blind index', async () => {
    const { ids } = await openFamily();
    const batchId = `batch-${randomUUID()}`;
    const bad = await deliver([{ idNumber: ids[0], kind: 'income', amountYuan: 100 }, { idNumber: ids[1], kind: 'lottery', amountYuan: 1 }], batchId).expect(400);
    expect(bad.body.error.details[0].path).toBe('records.1.kind');
    expect(await api.db.selectFrom('verification_batches').select('batch_id').where('batch_id', '=', batchId).execute()).toEqual([]);

    const csv = await api.as('admin').post(`/api/v1/verification-data?batchId=${batchId}&source=x`).set('Content-Type', 'text/csv').send(`idNumber,kind,amountYuan\n${ids[0]},income,abc\n`).expect(400);
    expect(csv.body.error.details[0].path).toBe('records.0.amountYuan');

    await deliver([{ idNumber: ids[0], kind: 'income', amountYuan: 100 }], batchId).expect(201);
    const rows = await api.db.selectFrom('verification_records').select('id_number_hash').where('batch_id', '=', batchId).execute();
    expect(rows).toEqual([{ id_number_hash: api.pii.idNumberHash(ids[0]) }]);
  });

  test('when a dibao case is opened, then its workflow verifies the household once, and a member without data is a finding', async () => {
    const { caseNo } = await openFamily();

    const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}/verification`).expect(200);

    expect(body).toMatchObject({ caseNo, provider: 'postgresql', householdSize: 3 });
    expect(body.findings.map((f: { code: string }) => f.code)).toEqual(['no_data', 'no_data', 'no_data']);
    expect(await runsOf(caseNo)).toEqual([{ run_key: 'workflow:verification' }]);
  });
});
