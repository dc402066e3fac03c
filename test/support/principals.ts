import type { Kysely } from 'kysely';
import { createStaff, findStaffByUsername, type NewStaff } from '../../db/repositories/staff';
import type { Database } from '../../db/schema';

/**
 * Everyone the role matrix asks on behalf of: the seeded demo staff (county 370725, window and reviewer of
 * township 370725001) and staff placed elsewhere — another township of the county, and a second county (青州市).
 */
export const PRINCIPALS = [
  'anonymous',
  'window',
  'windowElsewhere',
  'townshipReviewer',
  'townshipReviewerElsewhere',
  'education',
  'housing',
  'educationElsewhere',
  'reviewer',
  'reviewerElsewhere',
  'admin',
  'adminElsewhere',
  'reporter',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

export const OTHER_COUNTY = { code: '370781', name_zh: '青州市', name_en: 'Qingzhou City' };
export const OTHER_COUNTY_TOWNSHIP = { code: '370781001', county_code: OTHER_COUNTY.code, name_zh: '王府街道', name_en: 'Wangfu Subdistrict', population: 80000 };

const EXTRA_STAFF: Record<Exclude<Principal, 'anonymous' | 'window' | 'townshipReviewer' | 'education' | 'housing' | 'reviewer' | 'admin' | 'reporter'>, NewStaff & { username: string }> = {
  windowElsewhere: { username: 'window.zhuliu', displayName: '朱刘街道窗口', role: 'window', countyCode: '370725', townshipCode: '370725002', departmentCode: null },
  townshipReviewerElsewhere: { username: 'reviewer.zhuliu', displayName: '朱刘街道审核员', role: 'township_reviewer', countyCode: '370725', townshipCode: '370725002', departmentCode: null },
  educationElsewhere: { username: 'qingzhou.dept.education', displayName: '青州市教育局', role: 'department', countyCode: OTHER_COUNTY.code, townshipCode: null, departmentCode: 'education' },
  reviewerElsewhere: { username: 'qingzhou.reviewer', displayName: '青州市民政局审核员', role: 'reviewer', countyCode: OTHER_COUNTY.code, townshipCode: null, departmentCode: null },
  adminElsewhere: { username: 'qingzhou.admin', displayName: '青州市民政局管理员', role: 'admin', countyCode: OTHER_COUNTY.code, townshipCode: null, departmentCode: null },
};

export const USERNAMES: Record<Exclude<Principal, 'anonymous'>, string> = {
  window: 'window.baocheng',
  townshipReviewer: 'reviewer.baocheng',
  education: 'dept.education',
  housing: 'dept.housing',
  reviewer: 'reviewer.county',
  admin: 'admin.county',
  reporter: 'reporter.baocheng',
  ...Object.fromEntries(Object.entries(EXTRA_STAFF).map(([principal, staff]) => [principal, staff.username])),
} as Record<Exclude<Principal, 'anonymous'>, string>;

/** Creates the second county, its township and the staff placed elsewhere, unless they exist already. */
export async function ensurePrincipals(db: Kysely<Database>): Promise<void> {
  await db.insertInto('counties').values(OTHER_COUNTY).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto('townships').values(OTHER_COUNTY_TOWNSHIP).onConflict((oc) => oc.doNothing()).execute();
  for (const staff of Object.values(EXTRA_STAFF)) {
    if (!(await findStaffByUsername(db, staff.username))) await createStaff(db, staff);
  }
}
