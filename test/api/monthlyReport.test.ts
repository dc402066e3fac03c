import { sql } from 'kysely';
import { saveBenefit, payBenefitMonth } from '../../db/repositories/benefits';
import { appendCaseEvent } from '../../db/repositories/caseEvents';
import { createCase } from '../../db/repositories/cases';
import { findStaffByUsername } from '../../db/repositories/staff';
import { departmentOfClock } from '../../domain/clocks';
import { monthOf, nextMonth } from '../../domain/months';
import type { NeedCode } from '../../domain/needs';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { withTestCounty, type TestCounty } from '../support/county';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/**
 * The monthly report (issue 9 item 4): a month of a county of its own, written straight into PostgreSQL and
 * counted by hand, then cases opened through the API and recounted from case_events by independent SQL.
 */
const COUNTY = '379904';
const T1 = `${COUNTY}001`;
const T2 = `${COUNTY}002`;
const MONTH = '2026-09';
const report = (query: Record<string, string>) => `/api/v1/reports/monthly?${new URLSearchParams(query)}`;

/** An instant given in Beijing time. */
const beijing = (local: string) => new Date(`${local}+08:00`);

describe('monthly report', () => {
  let api: ApiHarness;
  let county: TestCounty;

  async function fixtureCase(township: string, needs: NeedCode[], openedAt: string): Promise<string> {
    const intake = buildIntake({ township, needs });
    return createCase(api.db, api.pii, {
      township,
      applicant: { ...intake.applicant, relation: 'self' },
      members: intake.household.members,
      needs,
      emergency: null,
      narrative: null,
      idempotencyKey: null,
      requestHash: 'monthly-report-fixture',
      referrals: [],
      actor: 'staff:0',
      requestId: null,
      openedAt: beijing(openedAt),
    });
  }

  async function event(caseNo: string, type: string, at: string, detail: Record<string, unknown> = {}): Promise<void> {
    await appendCaseEvent(api.db, { caseNo, key: `${type}:${JSON.stringify(detail)}:${at}`, type, actor: 'system', detail, occurredAt: beijing(at) });
  }

  /** A clock from `started` to `met` (late or not), with its breaches and escalations on the way. */
  async function clock(caseNo: string, id: string, c: { started: string; met?: string; late?: boolean; breached?: string; escalated?: string[]; stopped?: string }) {
    await event(caseNo, 'clock_started', c.started, { clock: id });
    if (c.breached) await event(caseNo, 'clock_breached', c.breached, { clock: id, level: 1 });
    for (const [i, at] of (c.escalated ?? []).entries()) await event(caseNo, 'clock_escalated', at, { clock: id, level: i + 2 });
    if (c.met) await event(caseNo, 'clock_met', c.met, { clock: id, late: c.late ?? false });
    if (c.stopped) await event(caseNo, 'clock_stopped', c.stopped, { clock: id });
  }

  async function benefit(caseNo: string, monthlyAmountYuan: number, months: string[]) {
    await saveBenefit(api.db, { caseNo, monthlyAmountYuan, startMonth: months[0], endMonth: null, bankAccountCipher: api.pii.encrypt('6222020200112233445'), approvedBy: 'staff:0' });
    for (const month of months) await payBenefitMonth(api.db, { caseNo, month, runId: 'fixture', at: beijing(`${month}-01T00:00:05`) });
  }

  async function lead(reportedAt: string, outcome?: { status: 'converted' | 'closed'; at: string }) {
    const { id: reportedBy } = (await findStaffByUsername(api.db, `test.${COUNTY}.window`))!;
    await api.db
      .insertInto('leads')
      .values({
        township_code: T1,
        reported_by: reportedBy,
        name_cipher: api.pii.encrypt('王大爷'),
        id_number_cipher: null,
        phone_cipher: null,
        hardship_cipher: api.pii.encrypt('独居老人'),
        urgency: 'normal',
        status: outcome?.status ?? 'open',
        reported_at: beijing(reportedAt),
        due_at: beijing(reportedAt),
        handled_by: outcome ? 'staff:0' : null,
        handled_at: outcome ? beijing(outcome.at) : null,
        close_reason_cipher: outcome?.status === 'closed' ? api.pii.encrypt('已纳入特困供养') : null,
        // Its workflow is not what is under test: the reconciler leaves it alone.
        workflow_started_at: beijing(reportedAt),
      })
      .execute();
  }

  /**
   * September 2026 by hand (Beijing time). Township 1: A (opened 2 Sep, closed 12 Sep), B (opened in August,
   * withdrawn at 00:00 on 1 Sep), D (opened 3 Sep, not accepted 25 Sep), E (opened in August); township 2: C (opened
   * 23:59:59 on 30 Sep, terminated at 00:00 on 1 Oct), G (opened in July, terminated 15 Sep), H (paid only).
   */
  async function writeSeptember(): Promise<void> {
    const a = await fixtureCase(T1, ['dibao', 'education'], '2026-09-02T10:00:00');
    await clock(a, 'approval', { started: '2026-09-02T10:00:00', met: '2026-09-10T10:00:00' }); // 192 h, on time
    await clock(a, 'accept:education', { started: '2026-09-02T10:00:00', met: '2026-09-03T09:00:00' }); // 23 h, on time
    await clock(a, 'referral:education', { started: '2026-09-02T10:00:00', breached: '2026-09-09T16:00:00', escalated: ['2026-09-10T16:00:00'], met: '2026-09-11T10:00:00', late: true }); // 216 h
    await event(a, 'referral_sent', '2026-09-02T10:00:01', { department: 'education' });
    await event(a, 'referral_completed', '2026-09-11T10:00:00', { department: 'education', outcome: 'granted' });
    await event(a, 'stage_changed', '2026-09-12T09:00:00', { stage: 'closed' });
    await benefit(a, 850, ['2026-08', '2026-09', '2026-10']);

    const b = await fixtureCase(T1, ['temporary_emergency'], '2026-08-31T23:30:00');
    await clock(b, 'emergency_aid', { started: '2026-08-31T23:30:00', met: '2026-09-01T11:30:00' }); // 12 h, on time
    await event(b, 'stage_changed', '2026-09-01T00:00:00', { stage: 'withdrawn' });

    const d = await fixtureCase(T1, ['dibao', 'housing'], '2026-09-03T09:00:00');
    await clock(d, 'approval', { started: '2026-09-03T09:00:00', breached: '2026-09-18T00:00:00', escalated: ['2026-09-19T00:00:00', '2026-09-20T00:00:00'], stopped: '2026-09-25T10:00:00' });
    await event(d, 'referral_sent', '2026-09-03T09:00:01', { department: 'housing' });
    await event(d, 'stage_changed', '2026-09-25T10:00:00', { stage: 'not_accepted' });

    const e = await fixtureCase(T1, ['dibao'], '2026-08-20T10:00:00');
    await clock(e, 'approval', { started: '2026-08-20T10:00:00', breached: '2026-09-03T00:00:00', escalated: ['2026-09-04T00:00:00'], met: '2026-09-08T10:00:00', late: true }); // 456 h
    await benefit(e, 600, ['2026-09']);

    const c = await fixtureCase(T2, ['dibao', 'housing'], '2026-09-30T23:59:59');
    await event(c, 'referral_sent', '2026-10-01T00:00:00', { department: 'housing' });
    await event(c, 'stage_changed', '2026-10-01T00:00:00', { stage: 'terminated' });

    const g = await fixtureCase(T2, ['tekun'], '2026-07-01T09:00:00');
    await event(g, 'stage_changed', '2026-09-15T15:00:00', { stage: 'terminated' });

    const h = await fixtureCase(T2, ['tekun', 'medical'], '2026-06-01T09:00:00');
    await benefit(h, 1200.5, ['2026-09']);

    await lead('2026-09-05T09:00:00', { status: 'converted', at: '2026-09-06T09:00:00' });
    await lead('2026-08-28T09:00:00', { status: 'converted', at: '2026-09-02T09:00:00' });
    await lead('2026-09-20T09:00:00', { status: 'closed', at: '2026-09-21T09:00:00' });
    await lead('2026-09-29T09:00:00');
    await lead('2026-10-01T00:00:01');
  }

  beforeAll(async () => {
    api = await startApiHarness();
    county = await withTestCounty(api, COUNTY, 'education');
    await writeSeptember();
  });
  afterAll(() => api?.stop());

  const noCases = { opened: 0, closed: 0, withdrawn: 0, terminated: 0, notAccepted: 0 };
  const township = (n: number, figures: Partial<{ cases: typeof noCases; clocks: unknown[]; payments: unknown[]; leads: { received: number; converted: number } }> = {}) => ({
    township: `${COUNTY}${String(n).padStart(3, '0')}`,
    nameZh: `测试镇${n}`,
    cases: noCases,
    clocks: [],
    payments: [],
    leads: { received: 0, converted: 0 },
    ...figures,
  });
  const department = (code: string, figures: Partial<{ referrals: { received: number; completed: number }; clocks: unknown[] }> = {}) => ({
    department: code,
    nameZh: expect.stringMatching(/^县/),
    referrals: { received: 0, completed: 0 },
    clocks: [],
    ...figures,
  });
  const acceptEducation = { clock: 'accept:education', met: 1, onTime: 1, onTimeRate: 1, medianHours: 23, breaches: 0, escalations: 0 };
  const referralEducation = { clock: 'referral:education', met: 1, onTime: 0, onTimeRate: 0, medianHours: 216, breaches: 1, escalations: 1 };

  test('when a reviewer asks for a hand-counted month, then every figure is exactly as counted, the month’s edges in Beijing time', async () => {
    const { body } = await county.as('reviewer').get(report({ month: MONTH, county: COUNTY })).expect(200).expect('Content-Type', /json/);
    expect(body).toMatchObject({ county: COUNTY, month: MONTH, timeZone: 'Asia/Shanghai', from: '2026-08-31T16:00:00.000Z', to: '2026-09-30T16:00:00.000Z' });
    expect(body.townships).toEqual([
      township(1, {
        cases: { opened: 2, closed: 1, withdrawn: 1, terminated: 0, notAccepted: 1 },
        clocks: [
          acceptEducation,
          { clock: 'approval', met: 2, onTime: 1, onTimeRate: 0.5, medianHours: 324, breaches: 2, escalations: 3 },
          { clock: 'emergency_aid', met: 1, onTime: 1, onTimeRate: 1, medianHours: 12, breaches: 0, escalations: 0 },
          referralEducation,
        ],
        payments: [{ programme: 'dibao', households: 2, amountYuan: 1450 }],
        leads: { received: 3, converted: 2 },
      }),
      township(2, { cases: { ...noCases, opened: 1, terminated: 1 }, payments: [{ programme: 'tekun', households: 1, amountYuan: 1200.5 }] }),
      ...[3, 4, 5, 6, 7, 8].map((n) => township(n)),
    ]);
    expect(body.departments).toEqual([
      department('civil_affairs'),
      department('education', { referrals: { received: 1, completed: 1 }, clocks: [acceptEducation, referralEducation] }),
      department('employment'),
      department('housing', { referrals: { received: 1, completed: 0 } }),
      department('medical'),
    ]);
    // The administrator reads the same report.
    const { body: asAdmin } = await county.as('admin').get(report({ month: MONTH, county: COUNTY })).expect(200);
    expect(asAdmin).toEqual(body);
  });

  test('when cases are opened, worked and withdrawn through the API, then the month’s report equals a recount of case_events by independent SQL', async () => {
    const month = monthOf(new Date());
    const open = async (needs: NeedCode[]) => (await county.as('window').post('/api/v1/cases').send(buildIntake({ township: county.township, needs })).expect(201)).body.caseNo as string;
    const worked = await open(['dibao', 'education']);
    const withdrawn = await open(['tekun']);
    await eventually(() => county.as('department').post(`/api/v1/referrals/${worked}-education/complete`).send({ outcome: 'granted', measures: ['tuition_waiver'] }).expect(200));
    await eventually(() => county.as('window').post(`/api/v1/cases/${withdrawn}/withdraw`).send({ reason: '申请人撤回' }).expect(200));
    const recorded = (caseNo: string, type: string, stage?: string) =>
      eventually(async () => {
        const found = await sql`select 1 from case_events where case_no = ${caseNo} and type = ${type} and (${stage ?? null}::text is null or detail->>'stage' = ${stage ?? null})`.execute(api.db);
        if (found.rows.length === 0) throw new Error(`${caseNo}: no ${type} yet`);
      });
    await recorded(worked, 'referral_completed');
    await recorded(worked, 'clock_met');
    await recorded(withdrawn, 'stage_changed', 'withdrawn');

    const { body } = await county.as('admin').get(report({ month, county: COUNTY })).expect(200);
    const expected = await recount(month);
    const own = body.townships.find((t: { township: string }) => t.township === county.township);
    expect(own.cases).toEqual(expected.cases(county.township));
    expect(own.cases.opened).toBeGreaterThanOrEqual(2);
    expect(own.cases.withdrawn).toBeGreaterThanOrEqual(1);
    for (const t of body.townships) expect(t.clocks).toEqual(expected.clocks((e) => e.township === t.township));
    for (const d of body.departments) {
      expect(d.referrals).toEqual(expected.referrals(d.department));
      expect(d.clocks).toEqual(expected.clocks((e) => departmentOfClock(e.clock) === d.department));
    }
    expect(body.departments.find((d: { department: string }) => d.department === 'education').clocks).toContainEqual(expect.objectContaining({ clock: 'referral:education', met: expect.any(Number) }));
  });

  /** The figures of `month` counted again: the month by to_char in Beijing time, clocks and medians in JavaScript. */
  async function recount(month: string) {
    const { rows } = await sql<{ township: string; case_no: string; type: string; detail: Record<string, string | boolean>; occurred_at: Date }>`
      select c.township_code as township, e.case_no, e.type, e.detail, e.occurred_at
      from case_events e join cases c on c.case_no = e.case_no
      where c.county_code = ${COUNTY} and to_char(e.occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}`.execute(api.db);
    const { rows: starts } = await sql<{ case_no: string; clock: string; at: Date }>`
      select case_no, detail->>'clock' as clock, min(occurred_at) as at from case_events where type = 'clock_started' group by 1, 2`.execute(api.db);
    const startOf = (caseNo: string, clock: string) => starts.find((s) => s.case_no === caseNo && s.clock === clock)!.at.getTime();
    const events = rows.map((r) => ({ ...r, clock: String(r.detail.clock ?? '') }));
    const n = (pick: (e: (typeof events)[number]) => boolean) => events.filter(pick).length;
    const ended = (t: string, stage: string) => n((e) => e.township === t && e.type === 'stage_changed' && e.detail.stage === stage);
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const mid = (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
      return Math.round(mid * 100) / 100;
    };
    return {
      cases: (t: string) => ({
        opened: n((e) => e.township === t && e.type === 'case_opened'),
        closed: ended(t, 'closed'),
        withdrawn: ended(t, 'withdrawn'),
        terminated: ended(t, 'terminated'),
        notAccepted: ended(t, 'not_accepted'),
      }),
      referrals: (d: string) => ({ received: n((e) => e.type === 'referral_sent' && e.detail.department === d), completed: n((e) => e.type === 'referral_completed' && e.detail.department === d) }),
      clocks: (of: (e: (typeof events)[number]) => boolean) => {
        const mine = events.filter((e) => of(e) && ['clock_met', 'clock_breached', 'clock_escalated'].includes(e.type));
        return [...new Set(mine.map((e) => e.clock))].sort().map((clock) => {
          const met = mine.filter((e) => e.clock === clock && e.type === 'clock_met');
          const onTime = met.filter((e) => e.detail.late === false).length;
          return {
            clock,
            met: met.length,
            onTime,
            onTimeRate: met.length > 0 ? onTime / met.length : null,
            medianHours: met.length > 0 ? median(met.map((e) => (e.occurred_at.getTime() - startOf(e.case_no, clock)) / 3_600_000)) : null,
            breaches: mine.filter((e) => e.clock === clock && e.type === 'clock_breached').length,
            escalations: mine.filter((e) => e.clock === clock && e.type === 'clock_escalated').length,
          };
        });
      },
    };
  }

  test('when the report is asked for as CSV, by ?format=csv or by Accept: text/csv, then it is one figure a line with the JSON’s numbers', async () => {
    const byQuery = await county.as('admin').get(report({ month: MONTH, county: COUNTY, format: 'csv' })).expect(200);
    const byAccept = await county.as('admin').get(report({ month: MONTH, county: COUNTY })).set('Accept', 'text/csv').expect(200);
    expect(byQuery.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byQuery.headers['content-disposition']).toBe(`attachment; filename=monthly-report-${COUNTY}-${MONTH}.csv`);
    expect(byAccept.text).toBe(byQuery.text);
    expect(byQuery.text.startsWith('\uFEFF')).toBe(true);

    const lines = byQuery.text.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('month,county,unit,code,name,figure,kind,value');
    expect(lines.every((line) => line.split(',').length === 8)).toBe(true);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${MONTH},${COUNTY},township,${T1},测试镇1,cases.opened,,2`,
        `${MONTH},${COUNTY},township,${T1},测试镇1,cases.notAccepted,,1`,
        `${MONTH},${COUNTY},township,${T1},测试镇1,clocks.onTimeRate,approval,0.5`,
        `${MONTH},${COUNTY},township,${T1},测试镇1,clocks.medianHours,approval,324`,
        `${MONTH},${COUNTY},township,${T1},测试镇1,payments.amountYuan,dibao,1450`,
        `${MONTH},${COUNTY},township,${T1},测试镇1,leads.converted,,2`,
        `${MONTH},${COUNTY},township,${T2},测试镇2,payments.households,tekun,1`,
      ]),
    );
    expect(lines.filter((line) => line.includes(',department,education,')).map((line) => line.split(',').slice(5).join(','))).toEqual([
      'referrals.received,,1',
      'referrals.completed,,1',
      ...['met,1', 'onTime,1', 'onTimeRate,1', 'medianHours,23', 'breaches,0', 'escalations,0'].map((f) => `clocks.${f.replace(',', ',accept:education,')}`),
      ...['met,1', 'onTime,0', 'onTimeRate,0', 'medianHours,216', 'breaches,1', 'escalations,1'].map((f) => `clocks.${f.replace(',', ',referral:education,')}`),
    ]);
    // Every township (5 case figures, 2 lead figures, 7 per clock, 2 per programme) and department (2 + 6 per clock).
    const { body } = await county.as('admin').get(report({ month: MONTH, county: COUNTY })).expect(200);
    const figures =
      body.townships.reduce((sum: number, t: { clocks: unknown[]; payments: unknown[] }) => sum + 7 + 6 * t.clocks.length + 2 * t.payments.length, 0) +
      body.departments.reduce((sum: number, d: { clocks: unknown[] }) => sum + 2 + 6 * d.clocks.length, 0);
    expect(lines).toHaveLength(1 + figures);
  });

  test.each([
    ['a month not YYYY-MM', { month: '2026-9', county: COUNTY }, 'query.month'],
    ['month 13', { month: '2026-13', county: COUNTY }, 'query.month'],
    ['no month', { county: COUNTY }, 'query.month'],
    ['next month', { month: nextMonth(monthOf(new Date())), county: COUNTY }, 'query.month'],
    ['a county code of five digits', { month: MONTH, county: '37990' }, 'query.county'],
    ['an unknown county', { month: MONTH, county: '379999' }, 'query.county'],
    ['an unknown format', { month: MONTH, county: COUNTY, format: 'xlsx' }, 'query.format'],
    ['an unknown parameter', { month: MONTH, county: COUNTY, township: T1 }, 'query'],
  ])('when a reviewer asks with %s, then 400 names the field in zh-CN and English', async (_what, query, path) => {
    const res = await county.as('reviewer').get(report(query)).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request' });
    expect(res.body.error.details).toEqual([{ path, message: expect.stringMatching(/[\u4e00-\u9fff].*\(.*[A-Za-z].*\)$/) }]);
  });

  test('when a window or a department asks, then 403; when a reviewer or administrator of another county asks, then 404 as if the report did not exist', async () => {
    for (const who of ['window', 'department'] as const) {
      const res = await county.as(who).get(report({ month: MONTH, county: COUNTY })).expect(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    for (const agent of [api.as('reviewer'), api.as('admin')]) {
      const res = await agent.get(report({ month: MONTH, county: COUNTY })).expect(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});
