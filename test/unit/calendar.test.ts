import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import officialCalendar from 'chinese-days/dist/chinese-days.json';
import { addWorkingDays, beijingDate, isWorkingDay, type WorkingCalendar } from '../../domain/calendar';
import { movableFestivals, statutoryArrangement, statutoryHolidays } from '../../domain/statutoryHolidays';
import { officialThenStatutory, probe } from './calendarProbe';

const due = (from: string, workingDays: number, calendar: WorkingCalendar = officialThenStatutory) => {
  const { dueAt, provisional } = addWorkingDays(new Date(from), workingDays, calendar);
  return { dueAt: dueAt.toISOString(), provisional };
};

const weekendsOnly: WorkingCalendar = (year) => ({ year, holidays: [], workdays: [], provisional: true });

/**
 * Days off in the published arrangement of `year`. chinese-days 1.5.7 has one gap: the 2012 notice gives 端午
 * as 6月22日至24日, but its data lists only the 22nd and the 24th — the festival itself, 23 June, is missing.
 */
const MISSING_FROM_CHINESE_DAYS = ['2012-06-23'];
const published = (year: number) =>
  [...Object.keys(officialCalendar.holidays), ...MISSING_FROM_CHINESE_DAYS].filter((d) => d.startsWith(`${year}-`));

describe('working days on the published 2026 calendar', () => {
  test('when a case is accepted on 2026-02-12 10:00 Beijing with 10 working days, then it is due at the end of 4 March, counting both make-up Saturdays and skipping the Spring Festival', () => {
    expect(due('2026-02-12T02:00:00Z', 10)).toEqual({ dueAt: '2026-03-04T16:00:00.000Z', provisional: false });
  });

  test('when the Spring Festival deadline is counted day by day, then the working days are the ones of the State Council notice', () => {
    const ends = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => beijingDate(new Date(Date.parse(due('2026-02-12T02:00:00Z', n).dueAt) - 1)));
    expect(ends).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-02', '2026-03-03', '2026-03-04']);
  });

  test('when an instant is late in the UTC day but already the next day in Beijing, then counting starts from the Beijing date', () => {
    // 2026-03-05T17:30Z is Friday 6 March 01:30 in Beijing: the first working day after it is Monday 9 March.
    expect(beijingDate(new Date('2026-03-05T17:30:00Z'))).toBe('2026-03-06');
    expect(due('2026-03-05T17:30:00Z', 1)).toEqual({ dueAt: '2026-03-09T16:00:00.000Z', provisional: false });
  });

  test('when an instant is just before midnight Beijing, then it still belongs to that Beijing day', () => {
    expect(beijingDate(new Date('2026-03-05T15:59:59.999Z'))).toBe('2026-03-05');
    expect(due('2026-03-05T15:59:59.999Z', 1)).toEqual({ dueAt: '2026-03-06T16:00:00.000Z', provisional: false });
  });

  test('when a case is accepted on a holiday, then that day is not counted and the first working day after the holiday is day 1', () => {
    expect(due('2026-02-15T02:00:00Z', 1)).toEqual({ dueAt: '2026-02-24T16:00:00.000Z', provisional: false });
  });

  test('when a case is accepted on a weekend, then that day is not counted and Monday is day 1', () => {
    expect(due('2026-03-07T02:00:00Z', 1)).toEqual({ dueAt: '2026-03-09T16:00:00.000Z', provisional: false });
  });

  test('when a case is accepted on a working day, then the start day itself is not counted', () => {
    expect(due('2026-03-09T01:00:00Z', 1)).toEqual({ dueAt: '2026-03-10T16:00:00.000Z', provisional: false });
    // A make-up Saturday is a working day, but as the start day it is not counted either.
    expect(due('2026-02-28T02:00:00Z', 1)).toEqual({ dueAt: '2026-03-02T16:00:00.000Z', provisional: false });
  });

  test('when a date is a make-up Saturday, a holiday weekday or an ordinary weekend, then it is classified by the arrangement first', () => {
    const a2026 = officialThenStatutory(2026);
    expect(isWorkingDay('2026-02-14', a2026)).toBe(true);
    expect(isWorkingDay('2026-02-16', a2026)).toBe(false);
    expect(isWorkingDay('2026-03-07', a2026)).toBe(false);
    expect(isWorkingDay('2026-03-06', a2026)).toBe(true);
  });

  test('when the number of working days is not a positive integer, then it is refused', () => {
    expect(() => due('2026-03-09T01:00:00Z', 0)).toThrow(RangeError);
    expect(() => due('2026-03-09T01:00:00Z', 1.5)).toThrow(RangeError);
  });
});

describe('years whose arrangement is not published', () => {
  test('when a deadline reaches into 2027, then it is provisional and skips 2027 New Year’s Day', () => {
    // From Sunday 20 Dec 2026: 21–25 Dec (5), 28–31 Dec (9), Fri 1 Jan 2027 is statutory, Mon 4 Jan (10).
    expect(due('2026-12-20T02:00:00Z', 10)).toEqual({ dueAt: '2027-01-04T16:00:00.000Z', provisional: true });
    expect(due('2026-12-20T02:00:00Z', 10, weekendsOnly)).toEqual({ dueAt: '2027-01-01T16:00:00.000Z', provisional: true });
  });

  test('when a deadline in 2027 spans the Spring Festival, then 除夕 and 初三 on weekdays are skipped', () => {
    // From Mon 1 Feb 2027: Tue 2 (1), Wed 3 (2), Thu 4 (3); Fri 5 除夕, Sat 6 初一, Sun 7, Mon 8 初三 off; Tue 9 (4), Wed 10 (5).
    expect(due('2027-02-01T02:00:00Z', 5)).toEqual({ dueAt: '2027-02-10T16:00:00.000Z', provisional: true });
  });

  test('when a deadline stays inside published years, then it is not provisional even if the calendar knows 2027', () => {
    expect(due('2026-12-01T02:00:00Z', 5).provisional).toBe(false);
  });

  test('when the 2027 statutory arrangement is computed, then it holds the 13 statutory days and no make-up workdays', () => {
    expect(statutoryArrangement(2027)).toEqual({
      year: 2027,
      holidays: [
        '2027-01-01', // 元旦
        '2027-02-05', // 除夕
        '2027-02-06', // 正月初一
        '2027-02-07',
        '2027-02-08', // 正月初三
        '2027-04-05', // 清明
        '2027-05-01',
        '2027-05-02',
        '2027-06-09', // 端午
        '2027-09-15', // 中秋
        '2027-10-01',
        '2027-10-02',
        '2027-10-03',
      ],
      workdays: [],
      provisional: true,
    });
    expect(statutoryHolidays(2027).filter((h) => h.name === '春节').map((h) => h.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
  });

  test('when 中秋 falls on 1–3 October, then the day is listed once under both names and the year has 12 days', () => {
    expect(movableFestivals(2028).zhongqiu).toBe('2028-10-03');
    expect(statutoryHolidays(2028).find((h) => h.date === '2028-10-03')?.name).toBe('中秋节、国庆节');
    expect(statutoryArrangement(2028).holidays).toHaveLength(12);
  });

  test('when 2026 is computed by the statute, then every statutory day is a day off in the published 2026 arrangement', () => {
    const statutory = statutoryArrangement(2026).holidays;
    expect(statutory).toEqual(['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-04-05', '2026-05-01', '2026-05-02', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02', '2026-10-03']);
    expect(published(2026)).toEqual(expect.arrayContaining(statutory));
  });

  test('when 2025 is computed by the statute, then every statutory day is a day off in the published 2025 arrangement', () => {
    expect(published(2025)).toEqual(expect.arrayContaining(statutoryArrangement(2025).holidays));
    expect(movableFestivals(2025)).toEqual({ chuxi: '2025-01-28', chunjie: '2025-01-29', qingming: '2025-04-04', duanwu: '2025-05-31', zhongqiu: '2025-10-06' });
  });

  test.each([2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024])(
    'when the lunar and solar-term dates of %i are computed, then 正月初一, 清明, 端午 and 中秋 are days off in that year’s published arrangement',
    (year) => {
      const { chunjie, qingming, duanwu, zhongqiu } = movableFestivals(year);
      expect(published(year)).toEqual(expect.arrayContaining([chunjie, qingming, duanwu, zhongqiu]));
    },
  );

  test('when a year is outside the computable range, then it is refused', () => {
    expect(() => statutoryArrangement(2100)).toThrow(RangeError);
    expect(() => statutoryArrangement(2000)).toThrow(RangeError);
  });
});

describe('independence from the process time zone', () => {
  const run = promisify(execFile);
  const repo = path.resolve(__dirname, '../..');
  const tsx = path.join(repo, 'node_modules/.bin/tsx');
  const zones = [
    { tz: 'UTC', offsetMinutes: 0 },
    { tz: 'America/Los_Angeles', offsetMinutes: 480 },
    { tz: 'Asia/Shanghai', offsetMinutes: -480 },
  ];

  test('when the same computations run under UTC, Los Angeles and Shanghai time, then they give the in-process results', async () => {
    const expected = probe();
    const outputs = await Promise.all(
      zones.map(({ tz }) => run(tsx, [path.join(__dirname, 'calendarProbe.ts')], { cwd: repo, env: { ...process.env, TZ: tz } })),
    );
    outputs.forEach(({ stdout }, i) => {
      const { zone, result } = JSON.parse(stdout);
      expect(zone).toEqual(zones[i]);
      expect(result).toEqual(expected);
    });
    expect(expected.springFestival2026).toEqual({ dueAt: '2026-03-04T16:00:00.000Z', provisional: false });
  });
});
