import type { Kysely } from 'kysely';
import type request from 'supertest';
import { createStaff, findStaffByUsername } from '../../db/repositories/staff';
import type { Database } from '../../db/schema';
import type { DepartmentCode } from '../../domain/departments';
import type { ApiHarness } from './apiHarness';

/**
 * A county of a test's own (code `county`, townships `<county>001` … `<county>008`, as the case-load fixture
 * makes them), with an administrator, a reviewer, a window of the first township and a department's staff:
 * what a test changes there (settings, cases) touches no other test.
 */
async function ensureTestCounty(db: Kysely<Database>, county: string, department: DepartmentCode = 'education') {
  await db.insertInto('counties').values({ code: county, name_zh: `测试县${county}`, name_en: `Test county ${county}` }).onConflict((oc) => oc.doNothing()).execute();
  await db
    .insertInto('townships')
    .values(Array.from({ length: 8 }, (_, i) => ({ code: `${county}${String(i + 1).padStart(3, '0')}`, county_code: county, name_zh: `测试镇${i + 1}`, name_en: `Test township ${i + 1}`, population: 50000 })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const staff = {
    admin: { role: 'admin' as const, townshipCode: null, departmentCode: null },
    reviewer: { role: 'reviewer' as const, townshipCode: null, departmentCode: null },
    window: { role: 'window' as const, townshipCode: `${county}001`, departmentCode: null },
    department: { role: 'department' as const, townshipCode: null, departmentCode: department },
  };
  const usernames = {} as Record<keyof typeof staff, string>;
  for (const [who, s] of Object.entries(staff) as Array<[keyof typeof staff, (typeof staff)[keyof typeof staff]]>) {
    const username = `test.${county}.${who}`;
    if (!(await findStaffByUsername(db, username))) await createStaff(db, { username, displayName: `${county} ${who}`, countyCode: county, ...s });
    usernames[who] = username;
  }
  return { county, township: `${county}001`, usernames };
}

export type TestCountyStaff = 'admin' | 'reviewer' | 'window' | 'department';

/** A test's own county (see `ensureTestCounty`) and its staff signed in: `county.as('window').post(…)`. */
export interface TestCounty {
  county: string;
  /** The window's township, the first of the county's eight. */
  township: string;
  as(who: TestCountyStaff): request.Agent;
}

export async function withTestCounty(api: Pick<ApiHarness, 'db' | 'tokenFor' | 'asToken'>, county: string, department?: DepartmentCode): Promise<TestCounty> {
  const { township, usernames } = await ensureTestCounty(api.db, county, department);
  const tokens = Object.fromEntries(await Promise.all(Object.entries(usernames).map(async ([who, username]) => [who, await api.tokenFor(username)]))) as Record<TestCountyStaff, string>;
  return { county, township, as: (who) => api.asToken(tokens[who]) };
}
