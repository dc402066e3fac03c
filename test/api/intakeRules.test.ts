import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake, makeIdNumber } from '../support/factories';

/** The rules at the door (issue 7 items 1 and 2): no duplicate assistance, and no assistance for fraud. */
describe('intake rules', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const countCases = async () => Number((await api.db.selectFrom('cases').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const personsWith = async (idNumber: string) => api.db.selectFrom('persons').select(['id', 'household_id']).where('id_number_hash', '=', api.pii.idNumberHash(idNumber)).execute();
  const caseRow = (caseNo: string) => api.db.selectFrom('cases').select(['household_id', 'applicant_id']).where('case_no', '=', caseNo).executeTakeFirstOrThrow();

  test('when the same applicant applies again for a need of their open case, then 409 duplicate_case names the open case and nothing is stored', async () => {
    const first = buildIntake({ needs: ['dibao', 'education'] });
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(first).expect(201);
    const before = await countCases();
    const again = await api.as('window').post('/api/v1/cases').send(buildIntake({ applicant: first.applicant, needs: ['medical', 'dibao'] })).expect(409);
    expect(again.body.error).toMatchObject({ code: 'duplicate_case', details: [{ path: 'needs', caseNo: opened.caseNo, message: expect.any(String) }] });
    expect(await countCases()).toBe(before);
    expect(await personsWith(first.applicant.idNumber)).toHaveLength(1);
  });

  test('when the applicant comes back for another need, then the household and persons are reused and the case is flagged for the reviewer', async () => {
    const first = buildIntake({ needs: ['dibao'] });
    const { body: a } = await api.as('window').post('/api/v1/cases').send(first).expect(201);
    const second = buildIntake({ applicant: first.applicant, household: { members: [first.household.members[0], { name: '李小红', idNumber: makeIdNumber('20150101'), relation: 'child' }] }, needs: ['housing'] });
    const { body: b } = await api.as('window').post('/api/v1/cases').send(second).expect(201);

    const [rowA, rowB] = await Promise.all([caseRow(a.caseNo), caseRow(b.caseNo)]);
    expect(rowB).toEqual(rowA);
    expect(await personsWith(first.applicant.idNumber)).toHaveLength(1);
    expect(await personsWith(first.household.members[0].idNumber)).toHaveLength(1);
    const { body: detail } = await api.as('reviewer').get(`/api/v1/cases/${b.caseNo}`).expect(200);
    expect(detail.flags).toEqual(
      expect.arrayContaining([
        { kind: 'member_in_open_case', path: 'applicant', otherCaseNo: a.caseNo },
        { kind: 'member_in_open_case', path: 'household.members.0', otherCaseNo: a.caseNo },
      ]),
    );
    expect(detail.flags.some((f: { path: string }) => f.path === 'household.members.1')).toBe(false);
    // Departments do not get the flags (they name other cases of the household).
    const { body: asHousing } = await api.asDepartment('housing').get(`/api/v1/cases/${b.caseNo}`).expect(200);
    expect(asHousing.flags).toEqual([]);
  });

  test('when a member of another open case is named in a new household, then the new case is opened and flagged', async () => {
    const first = buildIntake({ needs: ['dibao'] });
    const { body: a } = await api.as('window').post('/api/v1/cases').send(first).expect(201);
    const member = { ...first.household.members[1], relation: 'grandchild' as const };
    const { body: b } = await api.as('window').post('/api/v1/cases').send(buildIntake({ household: { members: [member] }, needs: ['dibao'] })).expect(201);
    const { body: detail } = await api.as('window').get(`/api/v1/cases/${b.caseNo}`).expect(200);
    expect(detail.flags).toEqual([{ kind: 'member_in_open_case', path: 'household.members.0', otherCaseNo: a.caseNo }]);
  });

  test('when a person whose earlier case granted aid applies again, then the case is opened, flagged receiving_aid, and the person reused', async () => {
    const first = buildIntake({ needs: ['education'] });
    const { body: a } = await api.as('window').post('/api/v1/cases').send(first).expect(201);
    await eventually(() => api.asDepartment('education').post(`/api/v1/referrals/${a.caseNo}-education/complete`).send({ outcome: 'granted', measures: ['tuition_waiver'] }).expect(200));
    await eventually(async () => expect((await api.as('window').get(`/api/v1/cases/${a.caseNo}`).expect(200)).body.stage).toBe('closed'));
    const { body: b } = await api.as('window').post('/api/v1/cases').send(buildIntake({ applicant: first.applicant, needs: ['education'] })).expect(201);
    const { body: detail } = await api.as('reviewer').get(`/api/v1/cases/${b.caseNo}`).expect(200);
    expect(detail.flags).toContainEqual({ kind: 'receiving_aid', path: 'applicant', otherCaseNo: a.caseNo });
    expect(await personsWith(first.applicant.idNumber)).toHaveLength(1);
  });

  test('when two intakes for the same applicant and need race, then exactly one opens a case', async () => {
    const applicant = buildIntake().applicant;
    const answers = await Promise.all([1, 2].map(() => api.as('window').post('/api/v1/cases').send(buildIntake({ applicant, needs: ['tekun'] }))));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  test('when a fraud record is in force, then intake is refused with 403 applicant_barred until it is lifted, and every change is audited', async () => {
    const intake = buildIntake({ needs: ['dibao'] });
    const recorded = await api
      .as('admin')
      .post('/api/v1/barred-persons')
      .send({ idNumber: intake.applicant.idNumber, reason: '隐瞒家庭收入骗取低保金', amountToReturnYuan: 3600 })
      .expect(201);
    expect(recorded.body).toMatchObject({ reason: '隐瞒家庭收入骗取低保金', amountToReturnYuan: 3600, until: null, liftedAt: null });
    expect(recorded.body.idNumber).not.toBe(intake.applicant.idNumber);

    const before = await countCases();
    const refused = await api.as('window').post('/api/v1/cases').send(intake).expect(403);
    expect(refused.body.error).toMatchObject({ code: 'applicant_barred', details: [{ path: 'applicant.idNumber', message: '隐瞒家庭收入骗取低保金' }] });
    expect(refused.body.error.message).toMatch(/3600/);
    expect(await countCases()).toBe(before);
    // As a member only, the person is not refused: the record bars applying, not being helped in a household.
    await api.as('window').post('/api/v1/cases').send(buildIntake({ household: { members: [{ name: intake.applicant.name, idNumber: intake.applicant.idNumber, relation: 'spouse' }] }, needs: ['medical'] })).expect(201);

    const listed = await api.as('reviewer').get('/api/v1/barred-persons').expect(200);
    expect(listed.body.items.map((b: { id: number }) => b.id)).toContain(recorded.body.id);
    await api.as('window').post('/api/v1/barred-persons').send({ idNumber: intake.applicant.idNumber, reason: 'x', amountToReturnYuan: 1 }).expect(403);

    await api.as('admin').post(`/api/v1/barred-persons/${recorded.body.id}/lift`).send({ reason: '已全额退还' }).expect(200);
    await api.as('admin').post(`/api/v1/barred-persons/${recorded.body.id}/lift`).send({ reason: '再次解除' }).expect(404);
    await api.as('window').post('/api/v1/cases').send(intake).expect(201);
    const audit = await api.db.selectFrom('audit_events').select(['type', 'actor', 'detail']).where('subject', '=', `barred_person:${recorded.body.id}`).orderBy('id').execute();
    expect(audit.map((e) => e.type)).toEqual(['bar_recorded', 'bar_lifted']);
    expect(JSON.stringify(audit)).not.toContain(intake.applicant.idNumber);
  });

  test('when a fraud record has expired, then it no longer bars; when until precedes from, then 400 names until', async () => {
    const intake = buildIntake({ needs: ['dibao'] });
    await api.as('admin').post('/api/v1/barred-persons').send({ idNumber: intake.applicant.idNumber, reason: '骗取临时救助', amountToReturnYuan: 0, from: '2024-01-01T00:00:00+08:00', until: '2025-01-01T00:00:00+08:00' }).expect(201);
    await api.as('window').post('/api/v1/cases').send(intake).expect(201);
    const bad = await api.as('admin').post('/api/v1/barred-persons').send({ idNumber: intake.applicant.idNumber, reason: 'x', amountToReturnYuan: 0, from: '2025-01-01T00:00:00+08:00', until: '2024-01-01T00:00:00+08:00' }).expect(400);
    expect(bad.body.error.details[0].path).toBe('until');
  });
});
