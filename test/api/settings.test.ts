import { sql } from 'kysely';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { withTestCounty, type TestCounty, type TestCountyStaff } from '../support/county';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/**
 * County settings over HTTP (issue 13), in a county of the test's own, so that the changes touch no other test:
 * a changed time limit applies to the next case and not to an open one unless re-timing is asked for; every
 * change is a version with who, when and why; a refused setting names the field.
 */
const COUNTY = '379902';
const DIBAO_FIVE_DAYS = { clock: 'approval', programme: 'dibao', unit: 'working_days', amount: 5, warnBefore: 1, escalateEveryHours: 24 };

describe('county settings (dev server)', () => {
  let api: ApiHarness;
  let county: TestCounty;

  beforeAll(async () => {
    api = await startApiHarness();
    county = await withTestCounty(api, COUNTY);
  });
  afterAll(() => api?.stop());

  const as = (who: TestCountyStaff) => county.as(who);
  const openCase = async () => (await as('window').post('/api/v1/cases').send(buildIntake({ township: county.township, needs: ['dibao'] })).expect(201)).body;
  const approvalClock = (caseNo: string) =>
    eventually(async () => {
      const { body } = await as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      const clock = body.clocks.find((c: { clock: string }) => c.clock === 'approval');
      if (!clock) throw new Error('approval clock not started yet');
      return { clock, timeline: body.timeline as Array<{ type: string; detail: Record<string, unknown> }> };
    });
  const deadline = async (from: string, workingDays: number) =>
    (await as('window').get('/api/v1/calendar/deadline').query({ from, workingDays }).expect(200)).body.dueAt as string;
  const change = (body: object) => as('admin').post('/api/v1/settings/versions').send(body);
  const versionCount = async () => Number((await sql<{ n: string }>`select count(*) as n from settings_versions where county_code = ${COUNTY}`.execute(api.db)).rows[0].n);

  test('when nothing was changed yet, then the settings read as version 0 with the defaults the issues name', async () => {
    const { body } = await as('department').get('/api/v1/settings').expect(200);
    expect(body).toMatchObject({ county: COUNTY, version: 0, reason: null, changedBy: null });
    expect(body.programme).toEqual({
      approvalByDibao: 'township',
      approvalByTekun: 'township',
      approvalByTemporaryAssistance: 'township',
      noticePeriodDays: 7,
      reserveFundFirstAidLimitYuan: 3000,
      recheckMonthsDibaoStableIncome: 12,
      recheckMonthsDibaoOther: 6,
      recheckMonthsTekun: 12,
      leadResponseWorkingDays: 3,
      leadResponseEmergencyHours: 24,
      missingMaterialsDays: 30,
      referralAcceptWorkingDays: 1,
      trustedMaterials: [],
      dibaoStandardYuan: 850,
      countyMinimumYuan: 100,
      verificationValidDays: 90,
      reserveYuanPerResident: 2,
      depositLimitMonths: 24,
    });
  });

  test('when the trust list and the 低保 standard are changed, then missing materials and verification use them', async () => {
    await change({ reason: '县民政局容缺受理清单', programme: { trustedMaterials: ['income_statement'], dibaoStandardYuan: 910.5 } }).expect(201);
    const { caseNo } = await openCase();
    const missing = await eventually(() =>
      as('window').post(`/api/v1/cases/${caseNo}/missing-materials`).send({ materials: ['income_statement'] }).expect(200),
    );
    expect(missing.body).toMatchObject({ trusted: ['income_statement'], missing: [], pausedClocks: [] });
    const verified = await as('reviewer').post(`/api/v1/cases/${caseNo}/verification`).send({}).expect(201);
    expect(Number(verified.body.standardYuan)).toBe(910.5);
  });

  test('when the dibao approval limit is shortened, then the next case gets it and the open case keeps its own', async () => {
    const open = await openCase();
    const before = await approvalClock(open.caseNo);
    expect(before.clock.dueAt).toBe(await deadline(open.openedAt, 10));

    const changed = await change({ reason: '县政府常务会议决定缩短低保审批时限', timeLimits: [DIBAO_FIVE_DAYS] }).expect(201);
    expect(changed.body).toMatchObject({ county: COUNTY, reason: '县政府常务会议决定缩短低保审批时限', retimeOpenClocks: false, retimedWorkflows: 0 });
    expect(changed.body.timeLimits).toContainEqual({ ...DIBAO_FIVE_DAYS, escalateTo: ['county'] });

    const next = await openCase();
    const nextDue = next.deadlines.find((d: { clock: string }) => d.clock === 'approval').dueAt;
    expect(nextDue).toBe(await deadline(next.openedAt, 5));
    expect((await approvalClock(next.caseNo)).clock.dueAt).toBe(nextDue);

    const after = await approvalClock(open.caseNo);
    expect(after.clock.dueAt).toBe(before.clock.dueAt);
    expect(after.timeline.map((e) => e.type)).not.toContain('clock_policy_changed');
  });

  test('when a change asks to re-time open clocks, then the open case takes the new limit, on its own acceptance time', async () => {
    await change({ reason: '恢复10个工作日', timeLimits: [{ ...DIBAO_FIVE_DAYS, amount: 10, warnBefore: 2 }] }).expect(201);
    const open = await openCase();
    const before = await approvalClock(open.caseNo);
    expect(before.clock.dueAt).toBe(await deadline(open.openedAt, 10));

    const changed = await change({ reason: '缩短并对在办案件生效', timeLimits: [{ ...DIBAO_FIVE_DAYS, amount: 4 }], retimeOpenClocks: true }).expect(201);
    expect(changed.body.retimedWorkflows).toBeGreaterThanOrEqual(1);
    const expected = await deadline(open.openedAt, 4);
    const after = await eventually(async () => {
      const found = await approvalClock(open.caseNo);
      expect(found.clock.dueAt).toBe(expected);
      return found;
    });
    expect(after.timeline.find((e) => e.type === 'clock_policy_changed')?.detail).toMatchObject({ clock: 'approval', settingsVersion: changed.body.version, dueAt: expected });
  });

  test('when settings change, then each change is a version with who, when and why, and the old ones stay readable', async () => {
    const first = await change({ reason: '公示期延长', programme: { noticePeriodDays: 10 } }).expect(201);
    const second = await change({ reason: '备用金额度调整', programme: { reserveFundFirstAidLimitYuan: 5000 }, baseVersion: first.body.version }).expect(201);
    expect(second.body.version).toBe(first.body.version + 1);
    expect(second.body.programme).toMatchObject({ noticePeriodDays: 10, reserveFundFirstAidLimitYuan: 5000 });
    expect(second.headers.location).toBe(`/api/v1/settings/versions/${second.body.version}`);

    const current = await as('window').get('/api/v1/settings').expect(200);
    expect(current.body).toMatchObject({ version: second.body.version, programme: { noticePeriodDays: 10, reserveFundFirstAidLimitYuan: 5000 } });
    const old = await as('reviewer').get(`/api/v1/settings/versions/${first.body.version}`).expect(200);
    expect(old.body.programme).toMatchObject({ noticePeriodDays: 10, reserveFundFirstAidLimitYuan: 3000 });
    const { body: history } = await as('admin').get('/api/v1/settings/versions').expect(200);
    expect(history.items[0]).toEqual({
      version: second.body.version,
      reason: '备用金额度调整',
      changedBy: expect.stringMatching(/^staff:\d+$/),
      changedAt: expect.any(String),
      requestId: second.headers['x-request-id'],
      retimeOpenClocks: false,
    });
    expect(history.items.map((v: { version: number }) => v.version)).toEqual([...history.items.map((v: { version: number }) => v.version)].sort((a, b) => b - a));

    const stale = await change({ reason: '过期的修改', programme: { noticePeriodDays: 5 }, baseVersion: first.body.version }).expect(409);
    expect(stale.body.error).toMatchObject({ code: 'settings_changed', details: [{ path: 'baseVersion' }] });
    await expect(sql`update settings_versions set reason = 'x' where county_code = ${COUNTY}`.execute(api.db)).rejects.toThrow(/append-only/);
  });

  test.each([
    [{ timeLimits: [{ ...DIBAO_FIVE_DAYS, amount: 0.5 }] }, 'timeLimits.0.amount'],
    [{ timeLimits: [{ ...DIBAO_FIVE_DAYS, amount: 0 }] }, 'timeLimits.0.amount'],
    [{ timeLimits: [{ ...DIBAO_FIVE_DAYS, amount: 61 }] }, 'timeLimits.0.amount'],
    [{ timeLimits: [{ ...DIBAO_FIVE_DAYS, warnBefore: 5 }] }, 'timeLimits.0.warnBefore'],
    [{ timeLimits: [{ ...DIBAO_FIVE_DAYS, programme: 'housing' }] }, 'timeLimits.0.programme'],
    [{ timeLimits: [{ ...DIBAO_FIVE_DAYS, escalateTo: ['department'] }] }, 'timeLimits.0.escalateTo.0'],
    [{ timeLimits: [DIBAO_FIVE_DAYS, DIBAO_FIVE_DAYS] }, 'timeLimits'],
    [{ programme: { noticePeriodDays: 0 } }, 'programme.noticePeriodDays'],
    [{ programme: { approvalByDibao: 'village' } }, 'programme.approvalByDibao'],
    [{ programme: { lotteryOdds: 3 } }, 'programme'],
    [{ programme: { trustedMaterials: ['passport'] } }, 'programme.trustedMaterials.0'],
    [{ programme: { reserveYuanPerResident: 1 } }, 'programme.reserveYuanPerResident'],
    [{ programme: { dibaoStandardYuan: 850.001 } }, 'programme.dibaoStandardYuan'],
    [{ programme: { noticePeriodDays: 7 }, retimeOpenClocks: true }, 'retimeOpenClocks'],
    [{}, 'timeLimits'],
  ])('when the change %j is sent, then 400 names %s and no version is written', async (body, path) => {
    const before = await versionCount();
    const res = await change({ reason: '测试', ...body }).expect(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(res.body.error.details.every((d: { message: string }) => /[\u4e00-\u9fff]/.test(d.message) && /\(.+\)/.test(d.message))).toBe(true);
    expect(await versionCount()).toBe(before);
  });
});
