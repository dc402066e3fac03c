import { caseWorkflowId, referralWorkflowId } from '../../workflows/messages';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake, makeIdNumber } from '../support/factories';

describe('intake: POST /api/v1/cases', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  // What intake writes synchronously (case_events cannot exist without a case).
  const countRows = async () => {
    const counts = await Promise.all(
      (['cases', 'persons', 'households', 'referrals'] as const).map((t) =>
        api.db.selectFrom(t).select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ),
    );
    return counts.map((c) => Number(c.n));
  };

  test('when a window opens a case, then it gets the case number, referrals with due dates and the one-time list, and the workflows run', async () => {
    const res = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education', 'medical'] })).expect(201);

    expect(res.body.caseNo).toMatch(/^\d{8}-\d{6}$/);
    expect(res.body.stage).toBe('referral');
    expect(res.body.referrals.map((r: { department: string }) => r.department)).toEqual(['civil_affairs', 'education', 'medical']);
    for (const r of res.body.referrals) {
      expect(r.id).toBe(`${res.body.caseNo}-${r.department}`);
      expect(new Date(r.dueAt).getTime()).toBeGreaterThan(Date.now() + 5 * 86_400_000);
    }
    const materials = res.body.requiredMaterials.map((m: { code: string }) => m.code);
    expect(materials).toEqual(expect.arrayContaining(['application_form', 'verification_consent', 'enrolment_proof', 'medical_bills']));
    expect(materials).not.toContain('household_registration');

    const description = await api.temporal.workflow.getHandle(caseWorkflowId(res.body.caseNo)).describe();
    expect(description.status.name).toBe('RUNNING');
    const child = await eventually(() => api.temporal.workflow.getHandle(referralWorkflowId(res.body.caseNo, 'education')).describe());
    expect(child.typedSearchAttributes.get({ name: 'Department', type: 'KEYWORD' } as never)).toBe('education');
  });

  test('when the same Idempotency-Key is sent twice, then the second answer is the same case and nothing new is stored', async () => {
    const body = buildIntake();
    const first = await api.as('window').post('/api/v1/cases').set('Idempotency-Key', 'window-001-retry-test').send(body).expect(201);
    const before = await countRows();
    const second = await api.as('window').post('/api/v1/cases').set('Idempotency-Key', 'window-001-retry-test').send(body).expect(201);

    expect(second.body.caseNo).toBe(first.body.caseNo);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countRows()).toEqual(before);
  });

  test('when an Idempotency-Key is reused for a different application, then 409 and nothing is stored', async () => {
    await api.as('window').post('/api/v1/cases').set('Idempotency-Key', 'window-001-reused-key').send(buildIntake()).expect(201);
    const before = await countRows();
    const res = await api.as('window').post('/api/v1/cases').set('Idempotency-Key', 'window-001-reused-key').send(buildIntake({ needs: ['housing'] })).expect(409);
    expect(res.body.error.code).toBe('idempotency_key_reused');
    expect(await countRows()).toEqual(before);
  });

  test.each([
    ['a wrong check digit', (b: ReturnType<typeof buildIntake>) => ({ ...b, applicant: { ...b.applicant, idNumber: '110105194912310021' } }), 'applicant.idNumber'],
    ['a member without a valid ID', (b: ReturnType<typeof buildIntake>) => ({ ...b, household: { members: [{ name: '李四', idNumber: '123', relation: 'child' }] } }), 'household.members.0.idNumber'],
    ['an unknown need', (b: ReturnType<typeof buildIntake>) => ({ ...b, needs: ['lottery'] }), 'needs.0'],
    ['no needs', (b: ReturnType<typeof buildIntake>) => ({ ...b, needs: [] }), 'needs'],
    ['an emergency need without its description', (b: ReturnType<typeof buildIntake>) => ({ ...b, needs: ['temporary_emergency'] }), 'emergency'],
    ['an unknown township', (b: ReturnType<typeof buildIntake>) => ({ ...b, township: '370725999' }), 'township'],
    ['a missing applicant name', (b: ReturnType<typeof buildIntake>) => ({ ...b, applicant: { idNumber: makeIdNumber() } }), 'applicant.name'],
    ['an unexpected field', (b: ReturnType<typeof buildIntake>) => ({ ...b, sneaky: true }), ''],
  ])('when the body has %s, then 400 names the field and nothing is stored', async (_what, mutate, path) => {
    const before = await countRows();
    const res = await api.as('window').post('/api/v1/cases').send(mutate(buildIntake())).expect(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    for (const detail of res.body.error.details) expect(detail.message).toMatch(/\S/);
    expect(await countRows()).toEqual(before);
  });

  test('when the body is not JSON, then 400 malformed_json', async () => {
    const res = await api.as('window').post('/api/v1/cases').set('Content-Type', 'application/json').send('{"township":').expect(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  test('when a case number does not exist, then 404', async () => {
    const res = await api.as('window').get('/api/v1/cases/20260101-999999').expect(404);
    expect(res.body.error.code).toBe('not_found');
    await api.as('window').get('/api/v1/cases/not-a-case').expect(404);
  });
});
