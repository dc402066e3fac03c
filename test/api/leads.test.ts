import { createLogger } from '../../api/logger';
import { startMissingWorkflows } from '../../api/workflowReconciler';
import { recordLead, recordLeadOverdue } from '../../db/repositories/leads';
import { findStaffByUsername } from '../../db/repositories/staff';
import { leadWorkflowId } from '../../domain/workflowIds';
import { SlaDeadline, SlaState, Township } from '../../workflows/searchAttributes';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';
import { ensurePrincipals, USERNAMES } from '../support/principals';

/** Proactive discovery (issue 7 item 3): a reporter's lead reaches the township window, and its outcome the reporter. */
describe('leads', () => {
  let api: ApiHarness;
  let reporter: string;
  let windowElsewhere: string;
  beforeAll(async () => {
    api = await startApiHarness();
    await ensurePrincipals(api.db);
    reporter = await api.tokenFor(USERNAMES.reporter);
    windowElsewhere = await api.tokenFor(USERNAMES.windowElsewhere);
  });
  afterAll(() => api?.stop());

  const report = (urgency: 'normal' | 'emergency' = 'normal') =>
    api.asToken(reporter).post('/api/v1/leads').send({ name: '王大爷', phone: '13905361234', hardship: '独居老人，近期摔伤无人照料', urgency }).expect(201);

  test('when a reporter reports a lead, then it is due in 3 working days (24 hours when urgent), in its township window’s inbox only, and stored encrypted', async () => {
    const { body: normal } = await report();
    const { body: urgent } = await report('emergency');
    const { body: due } = await api.as('window').get(`/api/v1/calendar/deadline?from=${encodeURIComponent(normal.reportedAt)}&workingDays=3`).expect(200);
    expect(normal.dueAt).toBe(due.dueAt);
    expect(Date.parse(urgent.dueAt) - Date.parse(urgent.reportedAt)).toBe(24 * 3_600_000);

    const inbox = (await api.as('window').get('/api/v1/leads?status=open').expect(200)).body.items;
    expect(inbox.map((l: { id: number }) => l.id)).toEqual(expect.arrayContaining([normal.id, urgent.id]));
    // Soonest due first: the urgent one before the normal one.
    expect(inbox.findIndex((l: { id: number }) => l.id === urgent.id)).toBeLessThan(inbox.findIndex((l: { id: number }) => l.id === normal.id));
    const elsewhere = (await api.asToken(windowElsewhere).get('/api/v1/leads').expect(200)).body.items;
    expect(elsewhere.map((l: { id: number }) => l.id)).not.toContain(normal.id);
    await api.asToken(windowElsewhere).post(`/api/v1/leads/${normal.id}/close`).send({ reason: '不是本乡镇' }).expect(404);

    const stored = await api.db.selectFrom('leads').selectAll().where('id', '=', normal.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toMatch(/王大爷|13905361234|独居老人/);
  });

  test('when the window converts a lead into a case, then the case opens under the door’s rules and the reporter sees which case it became', async () => {
    const { body: lead } = await report();
    const intake = buildIntake({ applicant: { name: lead.name, idNumber: buildIntake().applicant.idNumber, phone: lead.phone }, narrative: lead.hardship, needs: ['tekun'] });
    const { body: converted } = await api.as('window').post(`/api/v1/leads/${lead.id}/convert`).send(intake).expect(201);
    expect(converted).toMatchObject({ status: 'converted', caseNo: expect.stringMatching(/^\d{8}-\d{6}$/) });
    await api.as('window').get(`/api/v1/cases/${converted.caseNo}`).expect(200);
    const again = await api.as('window').post(`/api/v1/leads/${lead.id}/convert`).send(intake).expect(409);
    expect(again.body.error.code).toBe('lead_already_handled');

    const mine = (await api.asToken(reporter).get('/api/v1/leads').expect(200)).body.items.find((l: { id: number }) => l.id === lead.id);
    expect(mine).toMatchObject({ status: 'converted', caseNo: converted.caseNo });
    // The reporter reports; the case itself is for the window and the departments.
    await api.asToken(reporter).get(`/api/v1/cases/${converted.caseNo}`).expect(403);
  });

  test('when the window closes a lead with a reason, then the reporter sees the reason and the lead can no longer be converted', async () => {
    const { body: lead } = await report();
    const bad = await api.as('window').post(`/api/v1/leads/${lead.id}/close`).send({ reason: '' }).expect(400);
    expect(bad.body.error.details[0].path).toBe('reason');
    await api.as('window').post(`/api/v1/leads/${lead.id}/close`).send({ reason: '经核实已纳入特困供养' }).expect(200);
    const mine = (await api.asToken(reporter).get('/api/v1/leads?status=closed').expect(200)).body.items.find((l: { id: number }) => l.id === lead.id);
    expect(mine).toMatchObject({ status: 'closed', closeReason: '经核实已纳入特困供养', caseNo: null });
    await api.as('window').post(`/api/v1/leads/${lead.id}/convert`).send(buildIntake()).expect(409);
  });

  test('when a lead is reported, then its time limit runs as a workflow the Temporal UI finds by township and state, and closing the lead ends it', async () => {
    const { body: lead } = await report('emergency');
    expect(lead).toMatchObject({ sla: 'on_track', escalationLevel: 0 });
    const { workflow_key: workflowKey } = await api.db.selectFrom('leads').select('workflow_key').where('id', '=', lead.id).executeTakeFirstOrThrow();
    const handle = api.temporal.workflow.getHandle(leadWorkflowId({ leadId: lead.id, workflowKey }));
    const running = await handle.describe();
    expect(running.status.name).toBe('RUNNING');
    expect(running.typedSearchAttributes.get(Township)).toBe(lead.township);
    expect(running.typedSearchAttributes.get(SlaState)).toBe('on_track');
    expect(running.typedSearchAttributes.get(SlaDeadline)?.toISOString()).toBe(lead.dueAt);
    const stored = await api.db.selectFrom('leads').select('workflow_started_at').where('id', '=', lead.id).executeTakeFirstOrThrow();
    expect(stored.workflow_started_at).not.toBeNull();

    await api.as('window').post(`/api/v1/leads/${lead.id}/close`).send({ reason: '已转介残联' }).expect(200);
    await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));
  });

  test('when a lead was recorded but its workflow never started, then the reconciler starts it', async () => {
    const reporterId = (await findStaffByUsername(api.db, USERNAMES.reporter))!.id;
    const lead = await recordLead(api.db, api.pii, { township: '370725001', county: '370725', reportedBy: reporterId, name: '李四', hardship: '失业无收入', urgency: 'normal' });
    await api.db.updateTable('leads').set({ reported_at: new Date(Date.now() - 60_000) }).where('id', '=', lead.id).execute();
    const handle = api.temporal.workflow.getHandle(leadWorkflowId({ leadId: lead.id, workflowKey: lead.workflow_key }));
    await expect(handle.describe()).rejects.toThrow(/not found/i);

    await startMissingWorkflows({ db: api.db, temporal: api.temporal, taskQueue: api.taskQueue, logger: createLogger('silent'), workflowAnswerMs: 10_000 }, { minAgeMs: 0 });

    expect((await handle.describe()).status.name).toBe('RUNNING');
    const after = await api.db.selectFrom('leads').select('workflow_started_at').where('id', '=', lead.id).executeTakeFirstOrThrow();
    expect(after.workflow_started_at).not.toBeNull();
  });
  test('when a lead is overdue, then the window’s and the county’s notifications name the lead, and the lead shows it breached', async () => {
    const { body: lead } = await report();
    await recordLeadOverdue(api.db, { id: lead.id, level: 0, kind: 'breach', at: new Date() });
    const about = (items: Array<{ leadId: number | null }>) => items.filter((n) => n.leadId === lead.id);
    const windowNotes = about((await api.as('window').get('/api/v1/notifications?limit=200').expect(200)).body.items);
    expect(windowNotes).toEqual([expect.objectContaining({ leadId: lead.id, caseNo: null, kind: 'breach', clock: 'lead', recipient: `township:${lead.township}` })]);
    expect(about((await api.as('reviewer').get('/api/v1/notifications?limit=200').expect(200)).body.items)).toHaveLength(1);
    expect(about((await api.asToken(windowElsewhere).get('/api/v1/notifications?limit=200').expect(200)).body.items)).toEqual([]);
    const mine = (await api.as('window').get('/api/v1/leads?status=open').expect(200)).body.items.find((l: { id: number }) => l.id === lead.id);
    expect(mine).toMatchObject({ sla: 'breached', escalationLevel: 0 });
  });
});
