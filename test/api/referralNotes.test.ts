import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/**
 * Issue 11: a department's free text is personal data. Measures are catalogue codes; anything more is the
 * encrypted note, which the department that wrote it and civil affairs read, and nobody else.
 */
describe('measures are codes, notes are need-to-know', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  test('when medical writes a full ID number into its note, then education and the administrator do not see it, and medical, civil affairs and the window do', async () => {
    const intake = buildIntake({ needs: ['dibao', 'education', 'medical'] });
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(intake).expect(201);
    const idNumber = intake.applicant.idNumber;
    await eventually(() =>
      api
        .asDepartment('medical')
        .post(`/api/v1/referrals/${opened.caseNo}-medical/complete`)
        .send({ outcome: 'granted', measures: ['medical_assistance'], note: `住院费用已报销，身份证${idNumber}` })
        .expect(200),
    );

    const asEducation = await api.asDepartment('education').get(`/api/v1/cases/${opened.caseNo}`).expect(200);
    expect(JSON.stringify(asEducation.body)).not.toContain(idNumber);
    const medicalSeenByEducation = asEducation.body.referrals.find((r: { department: string }) => r.department === 'medical');
    expect(medicalSeenByEducation).toMatchObject({ measures: ['medical_assistance'], note: null, noteWithheld: true });
    const asAdmin = await api.as('admin').get(`/api/v1/cases/${opened.caseNo}`).expect(200);
    expect(JSON.stringify(asAdmin.body)).not.toContain(idNumber);

    for (const reader of [api.asDepartment('medical'), api.asDepartment('civil_affairs'), api.as('window'), api.as('reviewer')]) {
      const { body } = await reader.get(`/api/v1/cases/${opened.caseNo}`).expect(200);
      expect(body.referrals.find((r: { department: string }) => r.department === 'medical').note).toContain(idNumber);
    }
    // The audit log, which can never be cleaned, carries the codes only.
    const events = await api.db.selectFrom('case_events').select('detail').where('case_no', '=', opened.caseNo).execute();
    expect(JSON.stringify(events)).not.toContain(idNumber);
    expect(JSON.stringify(events)).toContain('medical_assistance');
  });

  test('when a department sends free text or another department’s code as a measure, then 400 names the measure and nothing is stored', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['medical'] })).expect(201);
    const id = `${opened.caseNo}-medical`;
    const freeText = await api.asDepartment('medical').post(`/api/v1/referrals/${id}/complete`).send({ outcome: 'granted', measures: ['身份证11010519491231002X'] }).expect(400);
    expect(freeText.body.error.details[0].path).toBe('measures.0');
    const foreign = await api.asDepartment('medical').post(`/api/v1/referrals/${id}/complete`).send({ outcome: 'granted', measures: ['medical_assistance', 'tuition_waiver'] }).expect(400);
    expect(foreign.body.error.details).toEqual([{ path: 'measures.1', message: expect.stringContaining('tuition_waiver') }]);
    const stored = await api.db.selectFrom('referrals').select(['status', 'measures']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'open', measures: null });
  });

  test('when the departments are listed, then each carries its catalogue of measures', async () => {
    const { body } = await api.asDepartment('education').get('/api/v1/departments').expect(200);
    const education = body.items.find((d: { code: string }) => d.code === 'education');
    expect(education.measures.map((m: { code: string }) => m.code)).toEqual(['tuition_waiver', 'student_grant', 'living_allowance', 'other']);
  });
});
