import { beijingDate } from '../../domain/calendar';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { buildIntake } from '../support/factories';

/** Home investigations (入户调查) recorded by the township, read by the township and the county. */
describe('home investigations', () => {
  let api: ApiHarness;
  let staff: Record<string, number>;

  beforeAll(async () => {
    api = await startApiHarness();
    const rows = await api.db.selectFrom('staff').select(['id', 'username']).execute();
    staff = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  });
  afterAll(() => api?.stop());

  const openCase = async () => (await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao'] })).expect(201)).body.caseNo as string;
  const visit = (overrides: Record<string, unknown> = {}) => ({
    visitedOn: beijingDate(new Date()),
    staffIds: [staff['window.baocheng'], staff['reviewer.county']],
    neighboursAsked: 3,
    findings: '房屋漏雨，家中无大件家电，邻里反映情况属实',
    photos: ['visits/2026/11/house-1.jpg'],
    ...overrides,
  });

  test('when two staff record a visit, then it is stored with the findings encrypted, shown to the county, and in the timeline', async () => {
    const caseNo = await openCase();
    await api.as('window').post(`/api/v1/cases/${caseNo}/investigations`).send(visit()).expect(201);

    const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}/investigations`).expect(200);
    expect(body.items).toEqual([expect.objectContaining({ staffIds: visit().staffIds, neighboursAsked: 3, findings: visit().findings, photos: visit().photos })]);
    const stored = await api.db.selectFrom('home_investigations').select('findings_cipher').where('case_no', '=', caseNo).executeTakeFirstOrThrow();
    expect(stored.findings_cipher).not.toContain('房屋');
    const timeline = (await api.as('window').get(`/api/v1/cases/${caseNo}`).expect(200)).body.timeline;
    expect(timeline.find((e: { type: string }) => e.type === 'home_investigation_recorded').detail).toEqual({ visitedOn: visit().visitedOn, reviewRound: 0, staff: 2, neighboursAsked: 3, photos: 1 });
  });

  test('when a visit names one staff member, a department’s staff, a future day, or repeats a day, then it is refused naming the field, and nothing is stored twice', async () => {
    const caseNo = await openCase();
    const one = await api.as('window').post(`/api/v1/cases/${caseNo}/investigations`).send(visit({ staffIds: [staff['window.baocheng']] })).expect(400);
    expect(one.body.error.details[0]).toMatchObject({ path: 'staffIds', message: expect.stringContaining('至少两名') });
    const department = await api.as('window').post(`/api/v1/cases/${caseNo}/investigations`).send(visit({ staffIds: [staff['window.baocheng'], staff['dept.education']] })).expect(400);
    expect(department.body.error.details).toEqual([expect.objectContaining({ path: 'staffIds.1' })]);
    const future = await api.as('window').post(`/api/v1/cases/${caseNo}/investigations`).send(visit({ visitedOn: '2099-01-01' })).expect(400);
    expect(future.body.error.details[0].path).toBe('visitedOn');
    const photo = await api.as('window').post(`/api/v1/cases/${caseNo}/investigations`).send(visit({ photos: ['../../etc/passwd'] })).expect(400);
    expect(photo.body.error.details[0].path).toBe('photos.0');

    await api.as('window').post(`/api/v1/cases/${caseNo}/investigations`).send(visit()).expect(201);
    await api.as('window').post(`/api/v1/cases/${caseNo}/investigations`).send(visit()).expect(409);
    const rows = await api.db.selectFrom('home_investigations').select('id').where('case_no', '=', caseNo).execute();
    expect(rows).toHaveLength(1);
  });
});
