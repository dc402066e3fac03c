import { caseWorkflowId, referralWorkflowId } from '../../workflows/messages';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/** Withdrawal and termination (issue 7 item 6): everything of the case ends cleanly, nothing keeps escalating. */
describe('a case ends early', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const openWithClocks = async (needs: string[]) => {
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: needs as never })).expect(201);
    await eventually(async () => {
      const clocks = await api.db.selectFrom('sla_clocks').select('clock').where('case_no', '=', body.caseNo).execute();
      expect(clocks.map((c) => c.clock)).toEqual(expect.arrayContaining(['approval', 'referral:civil_affairs', 'accept:education']));
    });
    return body.caseNo as string;
  };
  const stored = (caseNo: string) => api.db.selectFrom('cases').select(['stage', 'closed_at']).where('case_no', '=', caseNo).executeTakeFirstOrThrow();

  test('when the window records a withdrawal, then the stage is withdrawn, every referral is cancelled, no clock runs, and late actions answer 409 case_closed', async () => {
    const caseNo = await openWithClocks(['dibao', 'education']);
    const withdrawn = await api.as('window').post(`/api/v1/cases/${caseNo}/withdraw`).send({ reason: '申请人家庭收入已恢复，主动撤回' }).expect(200);
    expect(withdrawn.body).toEqual({ caseNo, stage: 'withdrawn' });

    // On record when the window is answered.
    expect(await stored(caseNo)).toMatchObject({ stage: 'withdrawn', closed_at: expect.any(Date) });
    const late = await api.asDepartment('education').post(`/api/v1/referrals/${caseNo}-education/complete`).send({ outcome: 'granted', measures: ['tuition_waiver'] }).expect(409);
    expect(late.body.error.code).toBe('case_closed');
    await eventually(async () => {
      const referrals = await api.db.selectFrom('referrals').select(['department_code', 'status']).where('case_no', '=', caseNo).orderBy('department_code').execute();
      expect(referrals).toEqual([
        { department_code: 'civil_affairs', status: 'cancelled' },
        { department_code: 'education', status: 'cancelled' },
      ]);
    });
    const running = await api.db.selectFrom('sla_clocks').select('clock').where('case_no', '=', caseNo).where('met_at', 'is', null).execute();
    expect(running).toEqual([]);
    for (const id of [caseWorkflowId(caseNo), referralWorkflowId(caseNo, 'education'), referralWorkflowId(caseNo, 'civil_affairs')]) {
      await eventually(async () => expect((await api.temporal.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED'));
    }

    expect((await api.asDepartment('education').post(`/api/v1/referrals/${caseNo}-education/accept`).send({}).expect(409)).body.error.code).toBe('case_closed');
    expect((await api.as('reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'reject', reason: '不符合' }).expect(409)).body.error.code).toBe('case_closed');
    expect((await api.as('window').post(`/api/v1/cases/${caseNo}/withdraw`).send({ reason: '再次撤回' }).expect(409)).body.error.code).toBe('case_closed');

    const { body: detail } = await api.as('window').get(`/api/v1/cases/${caseNo}`).expect(200);
    expect(detail.timeline.find((e: { type: string }) => e.type === 'case_withdrawn').detail).toMatchObject({ stage: 'withdrawn', reason: '申请人家庭收入已恢复，主动撤回' });
    const told = (await api.asDepartment('education').get('/api/v1/notifications').expect(200)).body.items.filter((n: { caseNo: string }) => n.caseNo === caseNo);
    expect(told.map((n: { kind: string }) => n.kind)).toContain('case_withdrawn');
  });

  test('when civil affairs terminate a case, then it is terminated and a referral completed before stays completed', async () => {
    const caseNo = await openWithClocks(['dibao', 'education']);
    await eventually(() => api.asDepartment('education').post(`/api/v1/referrals/${caseNo}-education/complete`).send({ outcome: 'not_eligible' }).expect(200));
    await api.as('window').post(`/api/v1/cases/${caseNo}/terminate`).send({ reason: '无' }).expect(403);
    const bad = await api.as('reviewer').post(`/api/v1/cases/${caseNo}/terminate`).send({}).expect(400);
    expect(bad.body.error.details[0].path).toBe('reason');
    await api.as('reviewer').post(`/api/v1/cases/${caseNo}/terminate`).send({ reason: '经核查申请人隐瞒收入' }).expect(200);
    expect((await stored(caseNo)).stage).toBe('terminated');
    await eventually(async () => {
      const referrals = await api.db.selectFrom('referrals').select(['department_code', 'status']).where('case_no', '=', caseNo).orderBy('department_code').execute();
      expect(referrals.map((r) => r.status)).toEqual(['cancelled', 'completed']);
    });
    await eventually(async () => expect((await api.temporal.workflow.getHandle(caseWorkflowId(caseNo)).describe()).status.name).toBe('COMPLETED'));
    const running = await api.db.selectFrom('sla_clocks').select('clock').where('case_no', '=', caseNo).where('met_at', 'is', null).execute();
    expect(running).toEqual([]);
  });
});
