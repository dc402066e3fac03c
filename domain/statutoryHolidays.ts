/**
 * The statutory public holidays (全国年节及纪念日放假办法, as amended 2024, in force from 2025) of a year whose
 * arrangement the State Council has not yet published. Only the statutory days are known in advance: the bridging
 * days and the make-up working days (调休) come with the yearly notice, so none are given here.
 *
 *   元旦 Jan 1 · 春节 农历除夕 to 正月初三 (4 days) · 清明节 the day of the 清明 solar term · 劳动节 May 1–2 ·
 *   端午节 农历五月初五 · 中秋节 农历八月十五 · 国庆节 Oct 1–3
 *
 * Pure and independent of the process time zone: every date is a Beijing calendar date handled as a day number
 * (days since 1970-01-01), and the lunar calendar is read from chinese-days' `getLunarDate` with explicit
 * 00:00 Beijing instants — that function only measures the distance in milliseconds from its own fixed Beijing
 * epoch, so, unlike the library's string parsing and formatting, it does not depend on the local zone.
 * 清明 is computed here with the same formula chinese-days uses, because its `getSolarTermDate` formats its answer
 * in the local zone (one day early west of UTC).
 */
// The UMD build, not the package root: see chineseDaysUmd.d.ts (the root's ES build breaks the workflow bundle).
import { getLunarDate } from 'chinese-days/dist/index.min.js';
import { beijingDate, type YearArrangement } from './calendar';

export type StatutoryHolidayName = '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节';

export interface StatutoryHoliday {
  /** Beijing calendar date, YYYY-MM-DD. */
  date: string;
  /** zh-CN name; when two festivals fall on one day (中秋 on 1–3 October), both, joined by '、'. */
  name: string;
}

/** The years for which both the lunar table of chinese-days and the 21st-century 清明 formula hold. */
export const STATUTORY_YEARS = { first: 2001, last: 2099 } as const;

/** True when the Beijing calendar year of `instant` has a working calendar. */
export function calendarCovers(instant: Date): boolean {
  const year = Number(beijingDate(instant).slice(0, 4));
  return year >= STATUTORY_YEARS.first && year <= STATUTORY_YEARS.last;
}

/** A year outside STATUTORY_YEARS: no working calendar can be given for it. */
export class OutsideCalendarError extends RangeError {
  constructor(readonly year: number) {
    super(`statutory holidays are computed for ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last}, not ${year}`);
  }
}

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

interface LunarDay {
  month: number;
  day: number;
  leap: boolean;
}

/** The lunar date of a Beijing calendar day, computed from the instant 00:00 Beijing of that day. */
function lunarDay(day: number): LunarDay {
  const lunar = getLunarDate(new Date(day * DAY_MS - BEIJING_OFFSET_MS));
  return { month: lunar.lunarMon, day: lunar.lunarDay, leap: lunar.isLeap };
}

/** The days of the Gregorian `year` that fall on the given days of non-leap lunar months; each must occur once. */
function findLunar<K extends string>(year: number, wanted: Record<K, { month: number; day: number }>): Record<K, number> {
  const keys = Object.keys(wanted) as K[];
  const found = new Map<K, number[]>(keys.map((k) => [k, []]));
  for (let d = dayNumber(year, 1, 1); d < dayNumber(year + 1, 1, 1); d += 1) {
    const lunar = lunarDay(d);
    if (lunar.leap) continue;
    for (const k of keys) if (wanted[k].month === lunar.month && wanted[k].day === lunar.day) found.get(k)!.push(d);
  }
  const result = {} as Record<K, number>;
  for (const k of keys) {
    const days = found.get(k)!;
    if (days.length !== 1) throw new Error(`lunar ${wanted[k].month}/${wanted[k].day} found ${days.length} times in ${year}`);
    result[k] = days[0];
  }
  return result;
}

/**
 * The day of the 清明 solar term, by the 寿星 formula for the 21st century: ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ with Y the
 * last two digits of the year and C = 4.81 (no exceptional years for 清明 in 2001–2099). Integer arithmetic,
 * so there is no floating-point rounding. Gives 4 or 5 April in this century.
 */
function qingming(year: number): number {
  const y = year % 100;
  const day = Math.floor((y * 2422 + 48100) / 10000) - Math.floor(y / 4);
  return dayNumber(year, 4, day);
}

/** The dates of the festivals whose place moves each year, as YYYY-MM-DD. */
export interface MovableFestivals {
  /** 农历除夕, the last day of the twelfth lunar month, on the eve of 正月初一. */
  chuxi: string;
  /** 正月初一. */
  chunjie: string;
  qingming: string;
  /** 五月初五. */
  duanwu: string;
  /** 八月十五. */
  zhongqiu: string;
}

const festivalCache = new Map<number, MovableFestivals>();

export function movableFestivals(year: number): MovableFestivals {
  if (!Number.isInteger(year) || year < STATUTORY_YEARS.first || year > STATUTORY_YEARS.last) {
    throw new OutsideCalendarError(year);
  }
  let festivals = festivalCache.get(year);
  if (!festivals) {
    const lunar = findLunar(year, { newYear: { month: 1, day: 1 }, duanwu: { month: 5, day: 5 }, zhongqiu: { month: 8, day: 15 } });
    festivals = {
      chuxi: isoDate(lunar.newYear - 1),
      chunjie: isoDate(lunar.newYear),
      qingming: isoDate(qingming(year)),
      duanwu: isoDate(lunar.duanwu),
      zhongqiu: isoDate(lunar.zhongqiu),
    };
    festivalCache.set(year, festivals);
  }
  return festivals;
}

/** The statutory days off of `year` under the rules in force from 2025, one entry per date, ascending. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const f = movableFestivals(year);
  const newYear = dayNumber(Number(f.chunjie.slice(0, 4)), Number(f.chunjie.slice(5, 7)), Number(f.chunjie.slice(8, 10)));
  const days: Array<[string, StatutoryHolidayName]> = [
    [`${year}-01-01`, '元旦'],
    [f.chuxi, '春节'],
    [isoDate(newYear), '春节'],
    [isoDate(newYear + 1), '春节'],
    [isoDate(newYear + 2), '春节'],
    [f.qingming, '清明节'],
    [`${year}-05-01`, '劳动节'],
    [`${year}-05-02`, '劳动节'],
    [f.duanwu, '端午节'],
    [f.zhongqiu, '中秋节'],
    [`${year}-10-01`, '国庆节'],
    [`${year}-10-02`, '国庆节'],
    [`${year}-10-03`, '国庆节'],
  ];
  const names = new Map<string, string[]>();
  for (const [date, name] of days) {
    const list = names.get(date) ?? [];
    if (!list.includes(name)) list.push(name);
    names.set(date, list);
  }
  return [...names.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => ({ date, name: list.join('、') }));
}

/** A provisional arrangement for a year the State Council has not published: statutory days only, no 调休. */
export function statutoryArrangement(year: number): YearArrangement {
  return { year, holidays: statutoryHolidays(year).map((h) => h.date), workdays: [], provisional: true };
}
