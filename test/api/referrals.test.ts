import type { DepartmentCode } from '../../domain/departments';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { wholeInbox } from '../support/inbox';
import { buildIntake } from '../support/factories';

describe('departments complete their referrals over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const inbox = (department: string, status = 'open') =>
    wholeInbox((query) => api.asDepartment(department as DepartmentCode).get(`/api/v1/departments/${department}/referrals`).query({ status, ...query }));

  test('when every department completes its referral, then the case closes and its timeline tells the story', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['temporary_expense', 'housing', 'employment'] })).expect(201);

    for (const department of ['civil_affairs', 'housing', 'employment']) {
      const items = await inbox(department);
      const mine = items.find((item) => item.caseNo === opened.caseNo);
      expect(mine).toBeDefined();
      const completed = await eventually(() =>
        api.asDepartment(department as DepartmentCode).post(`/api/v1/referrals/${mine!.id}/complete`).send({ outcome: 'granted', measures: ['other'], note: '已核实' }).expect(200),
      );
      expect(completed.body).toMatchObject({ status: 'completed', outcome: 'granted', measures: ['other'] });
      expect((await inbox(department)).map((i) => i.caseNo)).not.toContain(opened.caseNo);
    }

    // 支出型临时救助 needs the township's decision as well, within its 10 working days.
    const decided = await api.as('township_reviewer').post(`/api/v1/cases/${opened.caseNo}/decision`).send({ decision: 'approve', reason: '医疗支出超过家庭承受能力' }).expect(200);
    expect(decided.body).toEqual({ caseNo: opened.caseNo, decision: 'approve', late: false });
    const closed = await eventually(async () => {
      const { body } = await api.as('admin').get(`/api/v1/cases/${opened.caseNo}`).expect(200);
      expect(body.stage).toBe('closed');
      return body;
    });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.applicant.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const types = closed.timeline.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('case_opened');
    expect(types.filter((t: string) => t === 'referral_sent')).toHaveLength(3);
    expect(types.filter((t: string) => t === 'referral_completed')).toHaveLength(3);
    expect(types).toContain('decision_recorded');
    expect(closed.decision).toMatchObject({ decision: 'approve', late: false });
    expect(closed.clocks.map((c: { clock: string; sla: string }) => [c.clock, c.sla])).toEqual(
      expect.arrayContaining([['approval', 'met'], ['referral:civil_affairs', 'met'], ['referral:housing', 'met'], ['referral:employment', 'met']]),
    );
    expect(types[types.length - 1]).toBe('stage_changed');
    expect(closed.timeline[closed.timeline.length - 1].detail).toEqual({ stage: 'closed' });
  });

  test('when a referral’s clock has started, then the inbox item carries its SlaState; completed, it is met', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['housing'] })).expect(201);
    const id = `${opened.caseNo}-housing`;
    await eventually(async () => expect((await inbox('housing')).find((i) => i.id === id)).toMatchObject({ sla: 'on_track' }));
    await eventually(() => api.asDepartment('housing').post(`/api/v1/referrals/${id}/complete`).send({ outcome: 'granted' }).expect(200));
    await eventually(async () => expect((await inbox('housing', 'completed')).find((i) => i.id === id)).toMatchObject({ sla: 'met' }));
  });

  test('when a referral is completed a second time, then 409 with the reason and the first outcome stays', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['medical', 'education'] })).expect(201);
    const id = `${opened.caseNo}-medical`;
    await eventually(() => api.asDepartment('medical').post(`/api/v1/referrals/${id}/complete`).send({ outcome: 'not_eligible' }).expect(200));
    const again = await api.asDepartment('medical').post(`/api/v1/referrals/${id}/complete`).send({ outcome: 'granted' }).expect(409);
    expect(again.body.error.code).toBe('referral_already_completed');
    expect(again.body.error.message).toMatch(/already completed/);
    const stored = await api.db.selectFrom('referrals').select('outcome').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.outcome).toBe('not_eligible');
  });

  test('when a decision is sent again after its case has closed (its first answer lost), then 409 already_decided, not case_closed', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['temporary_expense'] })).expect(201);
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${opened.caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }).expect(200));
    await api.as('township_reviewer').post(`/api/v1/cases/${opened.caseNo}/decision`).send({ decision: 'approve', reason: '符合条件' }).expect(200);
    await api.temporal.workflow.getHandle(`case-${opened.caseNo}`).result();
    const again = await api.as('township_reviewer').post(`/api/v1/cases/${opened.caseNo}/decision`).send({ decision: 'approve', reason: '符合条件' }).expect(409);
    expect(again.body.error.code).toBe('already_decided');
  });

  test('when a referral does not exist, then 404; when the outcome is unknown, then 400 names it', async () => {
    await api.asDepartment('medical').post('/api/v1/referrals/20260101-000001-medical/complete').send({ outcome: 'granted' }).expect(404);
    const bad = await api.asDepartment('medical').post('/api/v1/referrals/20260101-000001-medical/complete').send({ outcome: 'maybe' }).expect(400);
    expect(bad.body.error.details[0].path).toBe('outcome');
  });

  test('when an inbox is asked for an unknown department or status, then 404 or 400', async () => {
    await api.as('reviewer').get('/api/v1/departments/lottery/referrals').expect(404);
    const bad = await api.asDepartment('medical').get('/api/v1/departments/medical/referrals?status=lost').expect(400);
    expect(bad.body.error.details[0].path).toBe('query.status');
  });
});
