/**
 * A fixed set of calendar computations, shared by test/unit/calendar.test.ts (in process) and by the same test
 * running this file as a script under other time zones (`TZ=… tsx test/unit/calendarProbe.ts` prints JSON).
 */
import { addWorkingDays, beijingDate, type WorkingCalendar, type YearArrangement } from '../../domain/calendar';
import { movableFestivals, statutoryArrangement, statutoryHolidays } from '../../domain/statutoryHolidays';
import { OFFICIAL_YEARS, officialArrangement } from '../../db/seed';

/** Published arrangements (chinese-days JSON) for 2025 and 2026; statutory days only for any other year. */
export const officialThenStatutory: WorkingCalendar = (year) => {
  if (!OFFICIAL_YEARS.includes(year)) return statutoryArrangement(year);
  const days = officialArrangement(year);
  const of = (kind: 'holiday' | 'workday') => days.filter((d) => d.kind === kind).map((d) => d.date);
  return { year, holidays: of('holiday'), workdays: of('workday'), provisional: false } satisfies YearArrangement;
};

const deadline = (from: string, workingDays: number) => {
  const { dueAt, provisional } = addWorkingDays(new Date(from), workingDays, officialThenStatutory);
  return { dueAt: dueAt.toISOString(), provisional };
};

export function probe() {
  // Every 5 hours from mid-December 2026 to mid-February 2027: crosses UTC/Beijing day boundaries, the year end,
  // the provisional year 2027 and its Spring Festival.
  const sweep: Array<[string, string, string, boolean]> = [];
  for (let t = Date.parse('2026-12-15T00:00:00Z'); t < Date.parse('2027-02-15T00:00:00Z'); t += 5 * 3_600_000) {
    const from = new Date(t).toISOString();
    const { dueAt, provisional } = deadline(from, 5);
    sweep.push([from, beijingDate(new Date(t)), dueAt, provisional]);
  }
  return {
    springFestival2026: deadline('2026-02-12T02:00:00Z', 10),
    lateUtcEarlyBeijing: deadline('2026-03-05T17:30:00Z', 1),
    startOnHoliday: deadline('2026-02-15T02:00:00Z', 1),
    startOnWeekend: deadline('2026-03-07T02:00:00Z', 1),
    intoUnpublished2027: deadline('2026-12-20T02:00:00Z', 10),
    springFestival2027: deadline('2027-02-01T02:00:00Z', 5),
    beijingDates: ['2026-03-05T15:59:59.999Z', '2026-03-05T16:00:00Z', '2026-12-31T16:00:00Z'].map((i) => beijingDate(new Date(i))),
    statutory2026: statutoryHolidays(2026),
    statutory2027: statutoryArrangement(2027),
    festivals: [2025, 2026, 2027, 2028, 2029, 2030].map(movableFestivals),
    sweep,
  };
}

if (require.main === module) {
  const zone = { tz: process.env.TZ ?? null, offsetMinutes: new Date('2026-01-01T00:00:00Z').getTimezoneOffset() };
  process.stdout.write(JSON.stringify({ zone, result: probe() }));
}
