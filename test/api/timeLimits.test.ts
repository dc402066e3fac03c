import { caseWorkflowStart } from '../../api/intake';
import { officialArrangement } from '../../db/seed';
import { beijingDate, isWorkingDay } from '../../domain/calendar';
import { caseWorkflowId } from '../../workflows/messages';
import { decideAtTownship } from '../support/review';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { storeCase } from '../support/cases';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

const DAY = 86_400_000;

describe('time limits over HTTP (dev server)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const openCase = async (overrides: Parameters<typeof buildIntake>[0]) =>
    (await api.as('window').post('/api/v1/cases').send(buildIntake(overrides)).expect(201)).body;
  const clockOf = async (caseNo: string, clock: string) =>
    eventually(async () => {
      const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      const found = body.clocks.find((c: { clock: string }) => c.clock === clock);
      if (!found) throw new Error(`${clock} not started yet`);
      return found;
    });

  test('when the deadline of 10 working days from 2026-02-12 10:00 Beijing is asked, then it is 24:00 on 4 March', async () => {
    const { body } = await api.as('window').get('/api/v1/calendar/deadline').query({ from: '2026-02-12T10:00:00+08:00', workingDays: 10 }).expect(200);
    expect(body).toEqual({ from: '2026-02-12T02:00:00.000Z', workingDays: 10, dueAt: '2026-03-04T16:00:00.000Z', provisional: false });
    const provisional = await api.as('window').get('/api/v1/calendar/deadline').query({ from: '2026-12-28T09:00:00+08:00', workingDays: 10 }).expect(200);
    expect(provisional.body.provisional).toBe(true);
  });

  test.each([
    [{ from: 'yesterday', workingDays: 10 }, 'query.from'],
    [{ from: '2026-02-12T10:00:00', workingDays: 10 }, 'query.from'],
    [{ from: '2026-02-12T10:00:00+08:00', workingDays: 0 }, 'query.workingDays'],
    [{ from: '2026-02-12T10:00:00+08:00' }, 'query.workingDays'],
    // Issue 11 item 6: years without a working calendar answered 500.
    [{ from: '2100-06-01T00:00:00Z', workingDays: 365 }, 'query.from'],
    [{ from: '0001-06-01T00:00:00Z', workingDays: 1 }, 'query.from'],
    [{ from: '1900-06-01T00:00:00Z', workingDays: 10 }, 'query.from'],
    [{ from: '2101-01-01T00:00:00Z', workingDays: 10 }, 'query.from'],
    [{ from: '9999-12-31T23:59:59Z', workingDays: 10 }, 'query.from'],
    [{ from: '2099-06-01T00:00:00Z', workingDays: 365 }, 'query.workingDays'],
  ])('when the deadline query is %j, then 400 names %s', async (query, path) => {
    const res = await api.as('window').get('/api/v1/calendar/deadline').query(query).expect(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  test('when a year’s arrangement carries a NUL or broken Unicode in its source or a day’s name, then 400 names the field and nothing is stored', async () => {
    const day = { date: '2099-01-01', kind: 'holiday', name: '元旦' };
    for (const [body, path] of [
      [{ source: '通知\u0000', days: [day] }, 'source'],
      [{ source: '通知', days: [{ ...day, name: '元\u0000旦' }] }, 'days.0.name'],
    ] as const) {
      const res = await api.as('admin').put('/api/v1/calendar/2099').send(body).expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([path]);
    }
    expect(await api.db.selectFrom('calendar_years').select('year').where('year', '=', 2099).execute()).toEqual([]);
  });

  test('when a year is read, then a published one lists its make-up working days and an unpublished one its statutory days, provisional', async () => {
    const published = await api.as('window').get('/api/v1/calendar/2026').expect(200);
    expect(published.body.provisional).toBe(false);
    expect(published.body.days).toEqual(expect.arrayContaining([{ date: '2026-02-14', kind: 'workday', name: '春节' }]));
    const unpublished = await api.as('window').get('/api/v1/calendar/2027').expect(200);
    expect(unpublished.body.provisional).toBe(true);
    expect(unpublished.body.days.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2027-02-05', '2027-02-08', '2027-10-03']));
  });

  test('when a case is opened, then the receipt gives every deadline, and an emergency gets its 24 hours', async () => {
    const opened = await openCase({ needs: ['temporary_emergency', 'dibao'], emergency: { description: '房屋失火', requestedAmountYuan: 2000 } });
    const deadlines = Object.fromEntries(opened.deadlines.map((d: { clock: string; dueAt: string }) => [d.clock, d.dueAt]));
    expect(Date.parse(deadlines.emergency_aid) - Date.parse(opened.openedAt)).toBe(DAY);
    expect(Date.parse(deadlines.approval)).toBeGreaterThan(Date.parse(opened.openedAt) + 12 * DAY);
    expect((await clockOf(opened.caseNo, 'approval')).dueAt).toBe(deadlines.approval);
    // The emergency's description is free text: encrypted at rest, shown in clear to the staff of the case.
    const stored = await api.db.selectFrom('cases').select('emergency').where('case_no', '=', opened.caseNo).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.emergency)).not.toContain('房屋失火');
    const { body } = await api.as('window').get(`/api/v1/cases/${opened.caseNo}`).expect(200);
    expect(body.emergency).toEqual({ description: '房屋失火', requestedAmountYuan: 2000 });
  });

  test('when the window gives first aid, then it is recorded in time, a second time is 409, and above the township’s 3000 yuan without a reason is 400', async () => {
    const opened = await openCase({ needs: ['temporary_emergency'], emergency: { description: '突发重病', requestedAmountYuan: 3000 } });
    await clockOf(opened.caseNo, 'emergency_aid');
    const tooMuch = await api.as('window').post(`/api/v1/cases/${opened.caseNo}/emergency-aid`).send({ amountYuan: 5000, form: 'cash' }).expect(400);
    expect(tooMuch.body.error.details[0]).toMatchObject({ path: 'reason', message: expect.stringContaining('3000') });
    const given = await api.as('window').post(`/api/v1/cases/${opened.caseNo}/emergency-aid`).send({ amountYuan: 2000, form: 'goods' }).expect(200);
    expect(given.body).toMatchObject({ late: false, amountYuan: 2000, form: 'goods' });
    const again = await api.as('window').post(`/api/v1/cases/${opened.caseNo}/emergency-aid`).send({ amountYuan: 100, form: 'cash' }).expect(409);
    expect(again.body.error.code).toBe('aid_already_recorded');
    expect((await clockOf(opened.caseNo, 'emergency_paperwork')).sla).toBe('on_track');
    await api.as('window').post(`/api/v1/cases/${opened.caseNo}/emergency-paperwork`).send({}).expect(200);
  });

  test('when civil affairs decide too early, twice, or where no decision is needed, then 409 says why; otherwise the case closes', async () => {
    const opened = await openCase({ needs: ['dibao'] });
    const early = await api.as('reviewer').post(`/api/v1/cases/${opened.caseNo}/decision`).send({ decision: 'reject', reason: '不符合条件' }).expect(409);
    expect(early.body.error.code).toBe('examination_pending');
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${opened.caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }).expect(200));
    // The completion reaches the case a moment after the department's answer.
    // A rejection is final at once (an approval of 低保 goes through its public notice first: review.test.ts).
    await eventually(() => decideAtTownship(api, opened.caseNo, 'reject', '家庭人均收入高于标准').then((r) => expect(r.status).toBe(200)));
    const twice = await api.as('township_reviewer').post(`/api/v1/cases/${opened.caseNo}/decision`).send({ decision: 'reject', reason: '改判' });
    expect(twice.status).toBe(409);
    const closed = await eventually(async () => {
      const { body } = await api.as('reviewer').get(`/api/v1/cases/${opened.caseNo}`).expect(200);
      expect(body.stage).toBe('closed');
      return body;
    });
    expect(closed.timeline.find((e: { type: string; detail: { clock?: string } }) => e.type === 'clock_met' && e.detail.clock === 'approval')).toBeDefined();

    const housing = await openCase({ needs: ['housing'] });
    const notNeeded = await api.as('reviewer').post(`/api/v1/cases/${housing.caseNo}/decision`).send({ decision: 'approve', reason: '—' }).expect(409);
    expect(notNeeded.body.error.code).toBe('decision_not_required');
  });

  test('when a clock is paused, paused again, resumed and extended, then each answer says so and the timeline keeps the reasons', async () => {
    const opened = await openCase({ needs: ['tekun'] });
    const before = await clockOf(opened.caseNo, 'approval');
    const paused = await api.as('window').post(`/api/v1/cases/${opened.caseNo}/clocks/approval/pause`).send({ reason: '申请人补正残疾证明' }).expect(200);
    expect(paused.body.clock.paused).toBe(true);
    const again = await api.as('window').post(`/api/v1/cases/${opened.caseNo}/clocks/approval/pause`).send({ reason: '再次' }).expect(409);
    expect(again.body.error.code).toBe('clock_paused');
    await api.as('window').post(`/api/v1/cases/${opened.caseNo}/clocks/approval/resume`).send({ reason: '材料已补齐' }).expect(200);
    const extended = await api.as('reviewer').post(`/api/v1/cases/${opened.caseNo}/clocks/approval/extend`).send({ reason: '需入户调查', amount: 3 }).expect(200);
    expect(Date.parse(extended.body.clock.dueAt)).toBeGreaterThanOrEqual(Date.parse(before.dueAt) + 3 * DAY);
    const noAmount = await api.as('reviewer').post(`/api/v1/cases/${opened.caseNo}/clocks/approval/extend`).send({ reason: '再延' }).expect(400);
    expect(noAmount.body.error.details[0].path).toBe('amount');
    await api.as('reviewer').post(`/api/v1/cases/${opened.caseNo}/clocks/nonsense/pause`).send({ reason: 'x' }).expect(400);
    const { body } = await api.as('reviewer').get(`/api/v1/cases/${opened.caseNo}`).expect(200);
    const extension = body.timeline.find((e: { type: string }) => e.type === 'clock_extended');
    expect(extension.detail).toMatchObject({ clock: 'approval', reason: '需入户调查', by: 3 });
    expect(extension.requestId).toEqual(expect.any(String));
  });

  test('when an administrator loads a changed arrangement, then running clocks spanning that year are re-timed', async () => {
    const opened = await openCase({ needs: ['dibao'] });
    const before = await clockOf(opened.caseNo, 'approval');
    const year = Number(beijingDate(new Date(opened.openedAt)).slice(0, 4));
    const original = officialArrangement(year);
    const arrangement = { year, holidays: original.filter((d) => d.kind === 'holiday').map((d) => d.date), workdays: original.filter((d) => d.kind === 'workday').map((d) => d.date), provisional: false };
    let day = Date.parse(opened.openedAt) + DAY;
    while (!isWorkingDay(beijingDate(new Date(day)), arrangement)) day += DAY;
    try {
      const days = [...original, { date: beijingDate(new Date(day)), kind: 'holiday' as const, name: '临时调整' }];
      const put = await api.as('admin').put(`/api/v1/calendar/${year}`).send({ source: '测试通知', days }).expect(200);
      expect(put.body.retimedWorkflows).toBeGreaterThanOrEqual(1);
      const after = await eventually(async () => {
        const c = await clockOf(opened.caseNo, 'approval');
        expect(c.dueAt).not.toBe(before.dueAt);
        return c;
      });
      expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
    } finally {
      await api.as('admin').put(`/api/v1/calendar/${year}`).send({ source: 'State Council (chinese-days 1.5.7)', days: original }).expect(200);
    }
    const wrongYear = await api.as('admin').put('/api/v1/calendar/2030').send({ source: 'x', days: [{ date: '2031-01-01', kind: 'holiday', name: '元旦' }] }).expect(400);
    expect(wrongYear.body.error.details[0].path).toBe('days.0.date');
  });

  test('when a case accepted long ago is still waiting, then /admin/overdue lists its breached clocks, most overdue first', async () => {
    const input = await storeCase(api.db, ['dibao', 'housing'], new Date('2026-02-12T02:00:00Z'));
    const { searchAttributes } = await caseWorkflowStart(api.db, input.caseNo);
    await api.temporal.workflow.start('caseWorkflow', { workflowId: caseWorkflowId(input.caseNo), taskQueue: api.taskQueue, args: [input], typedSearchAttributes: searchAttributes });
    type Item = { caseNo: string; clock: string; sla: string; dueAt: string; overdueHours: number };
    const items: Item[] = await eventually(async () => {
      const { body } = await api.as('admin').get('/api/v1/admin/overdue').expect(200);
      const mine = body.items.filter((i: Item) => i.caseNo === input.caseNo);
      expect(mine.map((i: Item) => i.clock).sort()).toEqual(['accept:civil_affairs', 'accept:housing', 'approval', 'referral:civil_affairs', 'referral:housing']);
      return body.items;
    });
    const mine = items.filter((i) => i.caseNo === input.caseNo);
    // The departments were to sign for their referrals by 13 February, to complete them by 26 February, the
    // approval by 4 March: in that order, and nothing is older.
    expect(mine.map((i) => i.clock)).toEqual(['accept:civil_affairs', 'accept:housing', 'referral:civil_affairs', 'referral:housing', 'approval']);
    expect(mine.every((i) => i.sla === 'breached' && i.overdueHours > 24 * 200)).toBe(true);
    expect(items[0].dueAt).toBe(mine[0].dueAt);
    const dues = items.map((i) => Date.parse(i.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const described = await api.temporal.workflow.getHandle(caseWorkflowId(input.caseNo)).describe();
    expect(described.typedSearchAttributes.get({ name: 'SlaState', type: 'KEYWORD' } as never)).toBe('breached');
    await api.temporal.workflow.getHandle(caseWorkflowId(input.caseNo)).terminate('test finished');
  });
});
