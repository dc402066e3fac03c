import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/** Missing materials over HTTP (issue 7 item 4): the case's clocks wait for what the window still needs. */
describe('missing materials over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const approval = (caseNo: string) => api.db.selectFrom('sla_clocks').select(['paused']).where('case_no', '=', caseNo).where('clock', '=', 'approval').executeTakeFirst();

  test('when the window records missing materials, then the approval clock pauses with that reason until they are recorded received', async () => {
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao'] })).expect(201);
    const caseNo = body.caseNo as string;
    await eventually(async () => expect(await approval(caseNo)).toBeDefined());

    const missing = await api.as('window').post(`/api/v1/cases/${caseNo}/missing-materials`).send({ materials: ['income_statement', 'support_obligors'], note: '户主外出务工' }).expect(200);
    expect(missing.body).toEqual({ caseNo, missing: ['income_statement', 'support_obligors'], trusted: [], pausedClocks: ['approval'], limitDays: 30 });
    expect(await approval(caseNo)).toEqual({ paused: true });
    const twice = await api.as('window').post(`/api/v1/cases/${caseNo}/missing-materials`).send({ materials: ['income_statement'] }).expect(409);
    expect(twice.body.error.code).toBe('materials_already_pending');

    const received = await api.as('window').post(`/api/v1/cases/${caseNo}/materials-received`).send({ note: '已补交' }).expect(200);
    expect(received.body).toEqual({ caseNo, resumedClocks: ['approval'] });
    expect(await approval(caseNo)).toEqual({ paused: false });
    expect((await api.as('window').post(`/api/v1/cases/${caseNo}/materials-received`).send({}).expect(409)).body.error.code).toBe('no_materials_pending');

    const { body: detail } = await api.as('window').get(`/api/v1/cases/${caseNo}`).expect(200);
    const types = detail.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['materials_missing', 'clock_paused', 'clock_resumed', 'materials_received']));
    expect(detail.timeline.find((e: { type: string }) => e.type === 'clock_paused').detail.reason).toContain('户主外出务工');
  });

  test('when the window records missing materials, then the open referrals’ clocks pause too, and resume with the receipt', async () => {
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201);
    const caseNo = body.caseNo as string;
    const clocks = () => api.db.selectFrom('sla_clocks').select(['clock', 'paused']).where('case_no', '=', caseNo).where('met_at', 'is', null).orderBy('clock').execute();
    const referralClocks = ['referral:civil_affairs', 'referral:education'];
    await eventually(async () => expect((await clocks()).map((c) => c.clock)).toEqual(expect.arrayContaining(referralClocks)));
    const departments = (await clocks()).filter((c) => c.clock !== 'approval');

    await api.as('window').post(`/api/v1/cases/${caseNo}/missing-materials`).send({ materials: ['income_statement'], note: '缺收入证明' }).expect(200);
    await eventually(async () => expect(await clocks()).toEqual(expect.arrayContaining(departments.map((c) => ({ clock: c.clock, paused: true })))));
    const { body: waiting } = await api.asDepartment('education').get(`/api/v1/cases/${caseNo}`).expect(200);
    expect(waiting.timeline.filter((e: { type: string; clock?: string }) => e.type === 'clock_paused').length).toBeGreaterThanOrEqual(departments.length + 1);

    await api.as('window').post(`/api/v1/cases/${caseNo}/materials-received`).send({ note: '已补交' }).expect(200);
    await eventually(async () => expect((await clocks()).every((c) => !c.paused)).toBe(true));
  });

  test('when a material code is unknown, then 400 names it and nothing is recorded', async () => {
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao'] })).expect(201);
    const bad = await api.as('window').post(`/api/v1/cases/${body.caseNo}/missing-materials`).send({ materials: ['passport'] }).expect(400);
    expect(bad.body.error.details[0].path).toBe('materials.0');
    const events = await api.db.selectFrom('case_events').select('type').where('case_no', '=', body.caseNo).where('type', '=', 'materials_missing').execute();
    expect(events).toEqual([]);
  });
});
