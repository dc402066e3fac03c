import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/** First aid above the township's limit goes to the county as a request (一事一议, issue 8 item 3), not refused. */
describe('first aid asked of the county', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const emergencyCase = async () => {
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['temporary_emergency'], emergency: { description: '房屋失火，家当尽毁', requestedAmountYuan: 8000 } })).expect(201);
    const caseNo = body.caseNo as string;
    await eventually(async () => expect((await view(caseNo)).clocks.map((c: { clock: string }) => c.clock)).toContain('emergency_aid'));
    return caseNo;
  };
  const view = async (caseNo: string) => (await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body;
  const clock = async (caseNo: string, id: string) => (await view(caseNo)).clocks.find((c: { clock: string }) => c.clock === id);
  const reserveEntries = async (caseNo: string) => api.db.selectFrom('reserve_fund_entries').select('amount_yuan').where('reference', '=', `aid:${caseNo}`).execute();

  test('when the window asks for more than its 3000 yuan with a reason, then the county decides, the aid is given from the county’s funds, and the 24-hour clock is met', async () => {
    const caseNo = await emergencyCase();
    const asked = await api.as('window').post(`/api/v1/cases/${caseNo}/emergency-aid`).send({ amountYuan: 8000, form: 'cash', reason: '房屋全毁，需临时租房和购置生活必需品' }).expect(202);
    expect(asked.body).toEqual({ caseNo, amountYuan: 8000, form: 'cash', countyRequest: true });
    // While the county decides, the township cannot give aid of its own, and the clock runs on.
    expect((await api.as('window').post(`/api/v1/cases/${caseNo}/emergency-aid`).send({ amountYuan: 1000, form: 'cash' }).expect(409)).body.error.code).toBe('county_request_pending');
    expect((await clock(caseNo, 'emergency_aid')).sla).toBe('on_track');
    const { body: inbox } = await api.as('reviewer').get('/api/v1/notifications').expect(200);
    expect(inbox.items).toContainEqual(expect.objectContaining({ caseNo, kind: 'county_aid_requested' }));

    expect((await api.as('window').post(`/api/v1/cases/${caseNo}/emergency-aid/county-decision`).send({ decision: 'approve', reason: '同意' }).expect(403)).body.error.code).toBe('forbidden');
    const decided = await api.as('reviewer').post(`/api/v1/cases/${caseNo}/emergency-aid/county-decision`).send({ decision: 'approve', reason: '经县级一事一议，同意救助8000元' }).expect(200);
    expect(decided.body).toEqual({ caseNo, decision: 'approve', late: false });
    const aid = await api.db.selectFrom('emergency_aid').select(['amount_yuan', 'form']).where('case_no', '=', caseNo).executeTakeFirstOrThrow();
    expect(aid).toEqual({ amount_yuan: '8000.00', form: 'cash' });
    expect(await reserveEntries(caseNo)).toEqual([]);
    await eventually(async () => expect((await clock(caseNo, 'emergency_aid')).sla).toBe('met'));
    await eventually(async () => expect((await clock(caseNo, 'emergency_paperwork')).sla).toBe('on_track'));
    expect((await api.as('reviewer').post(`/api/v1/cases/${caseNo}/emergency-aid/county-decision`).send({ decision: 'approve', reason: '再次' }).expect(409)).body.error.code).toBe('no_county_request');
  });

  test('when the county refuses, then the township may still give what it may from its reserve fund', async () => {
    const caseNo = await emergencyCase();
    await api.as('window').post(`/api/v1/cases/${caseNo}/emergency-aid`).send({ amountYuan: 6000, form: 'cash', reason: '医疗费用缺口大' }).expect(202);
    await api.as('reviewer').post(`/api/v1/cases/${caseNo}/emergency-aid/county-decision`).send({ decision: 'reject', reason: '已纳入医疗救助，乡镇先行救助即可' }).expect(200);
    expect((await clock(caseNo, 'emergency_aid')).sla).not.toBe('met');
    await api.as('window').post(`/api/v1/cases/${caseNo}/emergency-aid`).send({ amountYuan: 2000, form: 'cash' }).expect(200);
    expect(await reserveEntries(caseNo)).toEqual([{ amount_yuan: '-2000.00' }]);
    const types = (await view(caseNo)).timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['county_aid_requested', 'county_aid_decided', 'emergency_aid_given']));
  });
});
