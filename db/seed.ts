import type { Kysely } from 'kysely';
import officialCalendar from 'chinese-days/dist/chinese-days.json';
import { APPROVAL_NEEDS, DEFAULT_POLICIES, type ClockPolicy } from '../domain/clocks';
import { DEPARTMENTS, DEPARTMENT_CODES } from '../domain/departments';
import type { Database } from './schema';
import { saveYear, storedYears, type CalendarDay } from './repositories/calendar';

/**
 * Demo county 昌乐县 (the county of seed 003). Township codes follow the national division-code pattern;
 * populations are rounded demo figures, not statistics.
 */
export const DEMO_COUNTY = { code: '370725', name_zh: '昌乐县', name_en: 'Changle County' };
export const DEMO_TOWNSHIPS = [
  { code: '370725001', name_zh: '宝城街道', name_en: 'Baocheng Subdistrict', population: 98000 },
  { code: '370725002', name_zh: '朱刘街道', name_en: 'Zhuliu Subdistrict', population: 62000 },
  { code: '370725003', name_zh: '五图街道', name_en: 'Wutu Subdistrict', population: 58000 },
  { code: '370725004', name_zh: '宝都街道', name_en: 'Baodu Subdistrict', population: 71000 },
  { code: '370725101', name_zh: '乔官镇', name_en: 'Qiaoguan Town', population: 64000 },
  { code: '370725102', name_zh: '营丘镇', name_en: 'Yingqiu Town', population: 52000 },
  { code: '370725103', name_zh: '鄌郚镇', name_en: 'Tangwu Town', population: 49000 },
  { code: '370725104', name_zh: '红河镇', name_en: 'Honghe Town', population: 46000 },
];

export const DEMO_STAFF: Array<Omit<Database['staff'], 'id' | 'disabled_at'>> = [
  { username: 'window.baocheng', display_name: '宝城街道窗口', role: 'window', county_code: DEMO_COUNTY.code, township_code: '370725001', department_code: null },
  { username: 'reviewer.baocheng', display_name: '宝城街道审核员', role: 'township_reviewer', county_code: DEMO_COUNTY.code, township_code: '370725001', department_code: null },
  { username: 'reviewer.county', display_name: '县民政局审核员', role: 'reviewer', county_code: DEMO_COUNTY.code, township_code: null, department_code: 'civil_affairs' },
  { username: 'admin.county', display_name: '县民政局管理员', role: 'admin', county_code: DEMO_COUNTY.code, township_code: null, department_code: null },
  { username: 'reporter.baocheng', display_name: '宝城街道网格员', role: 'reporter', county_code: DEMO_COUNTY.code, township_code: '370725001', department_code: null },
  ...DEPARTMENT_CODES.map((code) => ({
    username: `dept.${code}`,
    display_name: DEPARTMENTS[code].zh,
    role: 'department' as const,
    county_code: DEMO_COUNTY.code,
    township_code: null,
    department_code: code,
  })),
];

/** The default time limits of DESIGN.md for one county: approval per programme, referral per department. */
export function defaultTimeLimits(countyCode: string) {
  const row = (clock: keyof typeof DEFAULT_POLICIES, programme: string, policy: ClockPolicy = DEFAULT_POLICIES[clock]) => ({
    county_code: countyCode,
    clock,
    programme,
    unit: policy.length.unit,
    amount: policy.length.amount,
    warn_before: policy.warnBefore,
    escalate_every_hours: policy.escalateEveryHours,
  });
  return [
    ...APPROVAL_NEEDS.map((need) => row('approval', need)),
    row('emergency_aid', '*'),
    row('emergency_paperwork', '*'),
    ...DEPARTMENT_CODES.map((code) => row('referral', code)),
  ];
}

/** The State Council arrangements shipped by chinese-days; read from its JSON, so no date parsing is involved. */
export function officialArrangement(year: number): CalendarDay[] {
  const pick = (table: Record<string, string>, kind: CalendarDay['kind']) =>
    Object.entries(table)
      .filter(([date]) => date.startsWith(`${year}-`))
      .map(([date, label]) => ({ date, kind, name: label.split(',')[1] ?? label }));
  return [...pick(officialCalendar.holidays, 'holiday'), ...pick(officialCalendar.workdays, 'workday')];
}

export const OFFICIAL_YEARS = [2025, 2026];

/** Idempotent: inserts what is missing and never overwrites what an administrator changed. */
export async function seed(db: Kysely<Database>): Promise<void> {
  await db.insertInto('counties').values(DEMO_COUNTY).onConflict((oc) => oc.doNothing()).execute();
  await db
    .insertInto('townships')
    .values(DEMO_TOWNSHIPS.map((t) => ({ ...t, county_code: DEMO_COUNTY.code })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('departments')
    .values(DEPARTMENT_CODES.map((code) => ({ code, name_zh: DEPARTMENTS[code].zh, name_en: DEPARTMENTS[code].en })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db.insertInto('time_limits').values(defaultTimeLimits(DEMO_COUNTY.code)).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto('staff').values(DEMO_STAFF).onConflict((oc) => oc.doNothing()).execute();
  const present = await storedYears(db);
  for (const year of OFFICIAL_YEARS.filter((y) => !present.includes(y))) {
    await saveYear(db, year, officialArrangement(year), false, 'State Council (chinese-days 1.5.7)');
  }
}
