import { sql } from 'kysely';
import type request from 'supertest';
import { generateCaseLoad } from '../../db/repositories/caseLoadFixture';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { withTestCounty, type TestCounty, type TestCountyStaff } from '../support/county';

/**
 * The work lists (issue 7 item 7, issue 13) over a large fixture of their own county, written straight into
 * PostgreSQL: every list pages through it in small pages without a gap or a repeat, in the order the database
 * gives, filtered and scoped by jurisdiction, with ID numbers masked by role.
 */
const COUNTY = '379903';
const CASES = 2000;
const PAGE = 37;

interface Listed {
  items: Array<Record<string, unknown>>;
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

describe('work lists over a large fixture (dev server)', () => {
  let api: ApiHarness;
  let county: TestCounty;

  beforeAll(async () => {
    api = await startApiHarness();
    county = await withTestCounty(api, COUNTY, 'education');
    await generateCaseLoad(api.db, api.pii, { county: COUNTY, cases: CASES, prefix: '20020101' });
  });
  afterAll(() => api?.stop());

  const as = (who: TestCountyStaff) => county.as(who);
  /** Every page of a list, following nextCursor; each page's total must be the same. */
  async function pageThrough(who: TestCountyStaff, path: string, query: Record<string, string> = {}) {
    const items: Array<Record<string, unknown>> = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await as(who).get(path).query({ ...query, limit: PAGE, ...(cursor ? { cursor } : {}) }).expect(200);
      const body = res.body as Listed;
      expect(body.items.length).toBeLessThanOrEqual(PAGE);
      items.push(...body.items);
      totals.add(body.total);
      expect(body.totalExact).toBe(true);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect([...totals]).toHaveLength(1);
    return { items, total: [...totals][0], pages };
  }

  test('when an administrator pages through the county’s cases, then every case comes once, soonest due first, those without a deadline last', async () => {
    const { items, total, pages } = await pageThrough('admin', '/api/v1/cases');
    const expected = await api.db.selectFrom('cases').select('case_no').where('county_code', '=', COUNTY).orderBy(sql`coalesce(due_at, 'infinity')`).orderBy('case_no').execute();
    expect(total).toBe(CASES);
    expect(pages).toBe(Math.ceil(CASES / PAGE));
    expect(items.map((i) => i.caseNo)).toEqual(expected.map((r) => r.case_no));
    const dues = items.map((i) => (i.dueAt === null ? Infinity : Date.parse(i.dueAt as string)));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(items.some((i) => i.dueAt === null && i.sla === 'met')).toBe(true);
  });

  test('when the cases are filtered by SLA state, need, stage and opening date, then the pages hold exactly the matching cases', async () => {
    const openedFrom = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const query = { sla: 'breached', need: 'dibao', stage: 'referral', openedFrom, sort: 'opened' };
    const { items, total } = await pageThrough('reviewer', '/api/v1/cases', query);
    const expected = await api.db
      .selectFrom('cases')
      .select('case_no')
      .where('county_code', '=', COUNTY)
      .where('sla_state', '=', 'breached')
      .where(sql<boolean>`needs @> array['dibao']::text[]`)
      .where('stage', '=', 'referral')
      .where('opened_at', '>=', new Date(openedFrom))
      .orderBy('opened_at')
      .orderBy('case_no')
      .execute();
    expect(expected.length).toBeGreaterThan(PAGE);
    expect(total).toBe(expected.length);
    expect(items.map((i) => i.caseNo)).toEqual(expected.map((r) => r.case_no));
  });

  test('when each role lists cases, then it sees its jurisdiction only, with ID numbers masked as on the case page', async () => {
    const window = await as('window').get('/api/v1/cases').query({ limit: 200 }).expect(200);
    expect(window.body.total).toBe(CASES / 8);
    expect(window.body.items.every((i: { township: string }) => i.township === `${COUNTY}001`)).toBe(true);
    expect(window.body.items[0].applicant.idNumber).toMatch(/^\d{17}[\dX]$/);
    const reviewer = await as('reviewer').get('/api/v1/cases').query({ limit: 5 }).expect(200);
    expect(reviewer.body.items[0].applicant).toEqual({ name: expect.stringMatching(/^测试申请人\d+$/), idNumber: expect.stringMatching(/^\d{17}[\dX]$/) });
    const admin = await as('admin').get('/api/v1/cases').query({ limit: 5 }).expect(200);
    expect(admin.body.items[0].applicant.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const department = await as('department').get('/api/v1/cases').query({ limit: 5 }).expect(200);
    const referred = await api.db.selectFrom('referrals').select(({ fn }) => fn.countAll<string>().as('n')).where('county_code', '=', COUNTY).where('department_code', '=', 'education').executeTakeFirstOrThrow();
    expect(department.body.total).toBe(Number(referred.n));
    expect(department.body.items.every((i: { needs: string[] }) => i.needs.includes('education'))).toBe(true);
    expect(department.body.items[0].applicant.idNumber).toContain('********');
    const elsewhere = await api.as('admin').get('/api/v1/cases').query({ township: `${COUNTY}001` }).expect(200);
    expect(elsewhere.body).toMatchObject({ items: [], total: 0, nextCursor: null });
  });

  test('when the department pages through its inbox, then every open referral comes once, soonest due first, and a filter narrows it', async () => {
    const { items, total } = await pageThrough('department', '/api/v1/departments/education/referrals');
    const expected = await api.db
      .selectFrom('referrals')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where('department_code', '=', 'education')
      .where('status', '=', 'open')
      .orderBy('due_at')
      .orderBy('id')
      .execute();
    expect(total).toBe(expected.length);
    expect(items.map((i) => i.id)).toEqual(expected.map((r) => r.id));
    const breached = await pageThrough('department', '/api/v1/departments/education/referrals', { sla: 'breached', township: `${COUNTY}002` });
    expect(breached.items.length).toBeGreaterThan(0);
    expect(breached.items.every((i) => i.sla === 'breached' && i.township === `${COUNTY}002`)).toBe(true);
    expect(breached.total).toBe(items.filter((i) => i.sla === 'breached' && i.township === `${COUNTY}002`).length);
    const medical = await pageThrough('department', '/api/v1/departments/education/referrals', { need: 'medical' });
    const alsoMedical = await api.db
      .selectFrom('referrals')
      .innerJoin('cases', 'cases.case_no', 'referrals.case_no')
      .select('referrals.id')
      .where('referrals.id', 'in', expected.map((r) => r.id))
      .where(sql<boolean>`cases.needs @> array['medical']::text[]`)
      .execute();
    expect(alsoMedical.length).toBeGreaterThan(0);
    expect(medical.items.map((i) => i.id)).toEqual(items.map((i) => i.id).filter((id) => alsoMedical.some((r) => r.id === id)));
  });

  test('when the administrator pages through the overdue list, then every breached and at-risk clock comes once, most overdue first', async () => {
    const { items, total } = await pageThrough('admin', '/api/v1/admin/overdue');
    const expected = await api.db
      .selectFrom('sla_clocks')
      .select(['case_no', 'clock'])
      .where('county_code', '=', COUNTY)
      .where('met_at', 'is', null)
      .where('sla_state', 'in', ['breached', 'warning'])
      .orderBy('due_at')
      .orderBy('case_no')
      .orderBy('clock')
      .execute();
    expect(total).toBe(expected.length);
    expect(items.map((i) => `${i.caseNo} ${i.clock}`)).toEqual(expected.map((r) => `${r.case_no} ${r.clock}`));
    const medical = await pageThrough('admin', '/api/v1/admin/overdue', { sla: 'warning', need: 'medical' });
    // The case's own needs decide, not the copy the clock carries for its index.
    const withMedical = await api.db
      .selectFrom('sla_clocks')
      .innerJoin('cases', 'cases.case_no', 'sla_clocks.case_no')
      .select(['sla_clocks.case_no', 'sla_clocks.clock'])
      .where('sla_clocks.county_code', '=', COUNTY)
      .where('sla_clocks.met_at', 'is', null)
      .where('sla_clocks.sla_state', '=', 'warning')
      .where(sql<boolean>`cases.needs @> array['medical']::text[]`)
      .orderBy('sla_clocks.due_at')
      .orderBy('sla_clocks.case_no')
      .orderBy('sla_clocks.clock')
      .execute();
    expect(withMedical.length).toBeGreaterThan(0);
    expect(medical.total).toBe(withMedical.length);
    expect(medical.items.map((i) => `${i.caseNo} ${i.clock}`)).toEqual(withMedical.map((r) => `${r.case_no} ${r.clock}`));
  });

  test('when referrals are completed between two pages, then the next page neither repeats nor skips one still open', async () => {
    const first = await as('department').get('/api/v1/departments/education/referrals').query({ limit: PAGE }).expect(200);
    const seen: string[] = first.body.items.map((i: { id: string }) => i.id);
    // Two referrals leave the inbox: one already shown, one not yet reached.
    const later = await api.db.selectFrom('referrals').select('id').where('county_code', '=', COUNTY).where('department_code', '=', 'education').where('status', '=', 'open').orderBy('due_at', 'desc').limit(1).executeTakeFirstOrThrow();
    await api.db.updateTable('referrals').set({ status: 'completed' }).where('id', 'in', [seen[0], later.id]).execute();
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const { body }: { body: Listed } = await as('department').get('/api/v1/departments/education/referrals').query({ limit: 200, cursor }).expect(200);
      seen.push(...body.items.map((i) => i.id as string));
      cursor = body.nextCursor;
    }
    const open = await api.db.selectFrom('referrals').select('id').where('county_code', '=', COUNTY).where('department_code', '=', 'education').where('status', '=', 'open').execute();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(later.id);
    expect(new Set(seen)).toEqual(new Set([seen[0], ...open.map((r) => r.id)]));
  });

  test.each([
    ['/api/v1/cases', { cursor: 'not-a-cursor' }, 'query.cursor'],
    ['/api/v1/cases', { cursor: Buffer.from(JSON.stringify({ list: 'cases:due', after: ['2026-13-45 99:00:00+00', 'x'] })).toString('base64url') }, 'query.cursor'],
    ['/api/v1/cases', { cursor: Buffer.from(JSON.stringify({ list: 'overdue', after: ['2026-01-01 00:00:00+00', 'x', 'y'] })).toString('base64url') }, 'query.cursor'],
    ['/api/v1/cases', { limit: '201' }, 'query.limit'],
    ['/api/v1/cases', { sla: 'late' }, 'query.sla'],
    ['/api/v1/cases', { openedFrom: 'yesterday' }, 'query.openedFrom'],
    ['/api/v1/cases', { sort: 'name' }, 'query.sort'],
    ['/api/v1/admin/overdue', { sla: 'on_track' }, 'query.sla'],
    ['/api/v1/departments/education/referrals', { need: 'lottery' }, 'query.need'],
    ['/api/v1/departments/education/referrals', { township: '3799' }, 'query.township'],
  ])('when %s is asked with %j, then 400 names %s', async (path, query, field) => {
    const res = await as('admin').get(path).query(query).expect(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});
