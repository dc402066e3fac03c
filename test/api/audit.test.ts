import { sql } from 'kysely';
import { findStaffByUsername } from '../../db/repositories/staff';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

describe('audit: who did what, when, in which request — append-only', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const eventsOf = (caseNo: string) =>
    api.db.selectFrom('case_events').select(['type', 'actor', 'request_id', 'occurred_at', 'detail']).where('case_no', '=', caseNo).orderBy('id').execute();

  test('when a window opens a case and a department completes its referral, then each event names the staff member and the request', async () => {
    const window = await findStaffByUsername(api.db, 'window.baocheng');
    const housing = await findStaffByUsername(api.db, 'dept.housing');
    const { body } = await api.as('window').post('/api/v1/cases').set('X-Request-Id', 'audit-intake-0001').send(buildIntake({ needs: ['housing'] })).expect(201);
    const completed = await eventually(() =>
      api.asDepartment('housing').post(`/api/v1/referrals/${body.caseNo}-housing/complete`).set('X-Request-Id', 'audit-complete-0001').send({ outcome: 'granted', measures: ['public_rental'] }).expect(200),
    );
    const serverId = (client: string) => new RegExp(`^[0-9a-f-]{36}/${client}$`);
    expect(completed.headers['x-request-id']).toMatch(serverId('audit-complete-0001'));

    const events = await eventually(async () => {
      const rows = await eventsOf(body.caseNo);
      expect(rows.map((e) => e.type)).toContain('referral_completed');
      return rows;
    });
    expect(events.find((e) => e.type === 'case_opened')).toMatchObject({ actor: `staff:${window!.id}`, request_id: expect.stringMatching(serverId('audit-intake-0001')) });
    expect(events.find((e) => e.type === 'referral_completed')).toMatchObject({ actor: `staff:${housing!.id}`, request_id: completed.headers['x-request-id'] });
    expect(events.find((e) => e.type === 'referral_sent')).toMatchObject({ actor: 'system', request_id: null });
    for (const e of events) {
      expect(e.actor).toMatch(/^(staff:\d+|system)$/);
      expect(e.occurred_at).toBeInstanceOf(Date);
    }
    const referral = await api.db.selectFrom('referrals').select('completed_by').where('id', '=', `${body.caseNo}-housing`).executeTakeFirstOrThrow();
    expect(referral.completed_by).toBe(`staff:${housing!.id}`);

    const { body: detail } = await api.as('reviewer').get(`/api/v1/cases/${body.caseNo}`).expect(200);
    expect(detail.timeline[0]).toMatchObject({ type: 'case_opened', actor: `staff:${window!.id}`, requestId: expect.stringMatching(serverId('audit-intake-0001')) });
  });

  test('when a client sends no usable X-Request-Id, then the API assigns one, answers with it and records it', async () => {
    const res = await api.as('window').post('/api/v1/cases').set('X-Request-Id', "x'; drop table case_events; --").send(buildIntake()).expect(201);
    const assigned = res.headers['x-request-id'];
    expect(assigned).toMatch(/^[0-9a-f-]{36}$/);
    const [opened] = await eventsOf(res.body.caseNo);
    expect(opened.request_id).toBe(assigned);
  });

  test.each([
    ['UPDATE', sql`update case_events set actor = 'tampered'`],
    ['DELETE', sql`delete from case_events`],
    ['TRUNCATE', sql`truncate case_events cascade`],
  ])('when anyone tries to %s the audit log, then the database refuses', async (_what, statement) => {
    // The rows that existed before (workflows of earlier tests may still be adding rows meanwhile).
    const existing = () => api.db.selectFrom('case_events').select('id').orderBy('id').execute();
    const before = await existing();
    expect(before.length).toBeGreaterThan(0);
    await expect(statement.execute(api.db)).rejects.toThrow(/append-only/);
    const after = await existing();
    expect(after.slice(0, before.length)).toEqual(before);
    const changed = await api.db.selectFrom('case_events').select('id').where('actor', '=', 'tampered').execute();
    expect(changed).toEqual([]);
  });

  // Last: its cases' workflows are still writing when it ends (the tests above count the audit log's rows).
  test('when two requests carry the same client X-Request-Id, then each keeps it beside an id of the server’s own, and the audit log tells them apart', async () => {
    const send = () => api.as('window').post('/api/v1/cases').set('X-Request-Id', 'same-id-0001').send(buildIntake({ needs: ['housing'] })).expect(201);
    const [first, second] = [await send(), await send()];
    const ids = [first.headers['x-request-id'], second.headers['x-request-id']];
    expect(ids[0]).not.toBe(ids[1]);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}\/same-id-0001$/);
    const opened = await Promise.all([first, second].map(async (res) => (await eventsOf(res.body.caseNo))[0].request_id));
    expect(opened).toEqual(ids);
  });
});
