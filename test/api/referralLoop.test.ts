import type { DepartmentCode } from '../../domain/departments';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';
import { wholeInbox } from '../support/inbox';

/** The referral loop (issue 7 item 5): accept, return and re-send, refer on, and the notifications inbox. */
describe('the referral loop over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const open = async (needs: string[]) => (await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: needs as never })).expect(201)).body.caseNo as string;
  const dept = (d: string) => api.asDepartment(d as DepartmentCode);
  const clock = async (caseNo: string, id: string) =>
    (await api.db.selectFrom('sla_clocks').select(['sla_state', 'paused', 'met_at', 'late']).where('case_no', '=', caseNo).where('clock', '=', id).executeTakeFirst()) ?? null;
  const notificationsOf = async (agent: ReturnType<typeof dept>, caseNo: string, query = '') =>
    ((await agent.get(`/api/v1/notifications${query}`).expect(200)).body.items as Array<{ id: number; caseNo: string; kind: string; department: string | null; read: boolean }>).filter((n) => n.caseNo === caseNo);

  test('when a department signs for its referral, then its accept clock is met, the window is told, and the window can mark it read', async () => {
    const caseNo = await open(['education']);
    await eventually(async () => expect(await clock(caseNo, 'accept:education')).not.toBeNull());
    const accepted = await eventually(() => dept('education').post(`/api/v1/referrals/${caseNo}-education/accept`).send({}).expect(200));
    expect(accepted.body).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String) });
    expect(await clock(caseNo, 'accept:education')).toMatchObject({ sla_state: 'met', late: false });
    // Signed for, it stays on the department's to-do list.
    const todo = (await wholeInbox((query) => dept('education').get('/api/v1/departments/education/referrals').query({ status: 'open', ...query }))).map((i) => i.id);
    expect(todo).toContain(`${caseNo}-education`);
    const again = await dept('education').post(`/api/v1/referrals/${caseNo}-education/accept`).send({}).expect(409);
    expect(again.body.error.code).toBe('referral_wrong_status');

    const [note] = await notificationsOf(api.as('window'), caseNo, '?unread=true');
    expect(note).toMatchObject({ kind: 'referral_accepted', department: 'education', read: false });
    await api.as('window').post(`/api/v1/notifications/${note.id}/read`).send({}).expect(200);
    expect(await notificationsOf(api.as('window'), caseNo, '?unread=true')).toEqual([]);
    expect((await notificationsOf(api.as('window'), caseNo)).map((n) => n.read)).toEqual([true]);
    // Another mailbox's notification is not found.
    await dept('education').post(`/api/v1/notifications/${note.id}/read`).send({}).expect(404);

    await dept('education').post(`/api/v1/referrals/${caseNo}-education/complete`).send({ outcome: 'granted', measures: ['tuition_waiver'] }).expect(200);
    await eventually(async () => expect((await notificationsOf(api.as('window'), caseNo)).map((n) => n.kind)).toContain('referral_completed'));
  });

  test('when a department returns a referral, then its clock pauses, completion is refused, and after the window re-sends it the department completes it', async () => {
    const caseNo = await open(['housing']);
    const id = `${caseNo}-housing`;
    const returned = await eventually(() => dept('housing').post(`/api/v1/referrals/${id}/return`).send({ reason: '缺少租赁合同' }).expect(200));
    expect(returned.body.status).toBe('returned');
    expect(await clock(caseNo, 'referral:housing')).toMatchObject({ paused: true });
    const refused = await dept('housing').post(`/api/v1/referrals/${id}/complete`).send({ outcome: 'granted' }).expect(409);
    expect(refused.body.error.code).toBe('referral_returned');
    await dept('housing').post(`/api/v1/referrals/${id}/resend`).send({ reason: 'x' }).expect(403);
    expect((await notificationsOf(api.as('window'), caseNo)).map((n) => n.kind)).toContain('referral_returned');

    const resent = await api.as('window').post(`/api/v1/referrals/${id}/resend`).send({ reason: '已补充租赁合同' }).expect(200);
    expect(resent.body.status).toBe('open');
    expect(await clock(caseNo, 'referral:housing')).toMatchObject({ paused: false });
    expect((await notificationsOf(dept('housing'), caseNo)).map((n) => n.kind)).toContain('referral_resent');
    await dept('housing').post(`/api/v1/referrals/${id}/complete`).send({ outcome: 'granted', measures: ['rent_subsidy'] }).expect(200);
    await eventually(async () => expect((await api.as('window').get(`/api/v1/cases/${caseNo}`).expect(200)).body.stage).toBe('closed'));
    const { body } = await api.as('window').get(`/api/v1/cases/${caseNo}`).expect(200);
    const reasons = body.timeline.filter((e: { type: string }) => e.type === 'referral_returned' || e.type === 'referral_resent').map((e: { detail: { reason: string } }) => e.detail.reason);
    expect(reasons).toEqual(['缺少租赁合同', '已补充租赁合同']);
  });

  test('when a department refers a referral on, then it ends as referred_on, the new department gets its own referral, and the case waits for it', async () => {
    const caseNo = await open(['education']);
    const referred = await eventually(() => dept('education').post(`/api/v1/referrals/${caseNo}-education/refer-on`).send({ to: 'employment', reason: '家长就业问题，转人社' }).expect(200));
    expect(referred.body).toMatchObject({ status: 'referred_on', referredTo: 'employment' });
    const inbox = (await wholeInbox((query) => dept('employment').get('/api/v1/departments/employment/referrals').query(query))).map((i) => i.caseNo);
    expect(inbox).toContain(caseNo);
    const late = await dept('education').post(`/api/v1/referrals/${caseNo}-education/complete`).send({ outcome: 'granted' }).expect(409);
    expect(late.body.error.code).toBe('referral_referred_on');
    // The new department reads the case now; a second referral to it is refused.
    await dept('employment').get(`/api/v1/cases/${caseNo}`).expect(200);
    expect((await notificationsOf(dept('employment'), caseNo)).map((n) => n.kind)).toContain('referral_referred_on');

    await eventually(async () => expect((await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body.stage).toBe('referral'));
    await eventually(() => dept('employment').post(`/api/v1/referrals/${caseNo}-employment/complete`).send({ outcome: 'granted', measures: ['job_referral'] }).expect(200));
    const closed = await eventually(async () => {
      const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      expect(body.stage).toBe('closed');
      return body;
    });
    expect(closed.referrals.map((r: { department: string; status: string }) => [r.department, r.status])).toEqual([
      ['education', 'referred_on'],
      ['employment', 'completed'],
    ]);
  });

  test('when a department refers on to itself or to a department the case already has, then 409', async () => {
    const caseNo = await open(['education', 'medical']);
    const self = await eventually(async () => {
      const res = await dept('education').post(`/api/v1/referrals/${caseNo}-education/refer-on`).send({ to: 'education', reason: '自己' });
      if (res.status === 503) throw new Error('not ready');
      return res;
    });
    expect(self.status).toBe(409);
    const twice = await dept('education').post(`/api/v1/referrals/${caseNo}-education/refer-on`).send({ to: 'medical', reason: '医疗' }).expect(409);
    expect(twice.body.error.code).toBe('already_referred');
  });
});
