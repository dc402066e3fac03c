import type { Kysely } from 'kysely';
import type { WorkingCalendar, YearArrangement } from '../../domain/calendar';
import { statutoryArrangement } from '../../domain/statutoryHolidays';
import type { Database } from '../schema';

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** Replaces the stored arrangement of `year` as one unit. */
export async function saveYear(db: Kysely<Database>, year: number, days: CalendarDay[], provisional: boolean, source: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('calendar_years').where('year', '=', year).execute();
    await trx.insertInto('calendar_years').values({ year, provisional, source }).execute();
    if (days.length > 0) await trx.insertInto('calendar_days').values(days.map((d) => ({ ...d, year }))).execute();
  });
}

export async function storedYears(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('calendar_years').select('year').orderBy('year').execute();
  return rows.map((r) => r.year);
}

/**
 * The working calendar as stored. A year whose arrangement was never loaded falls back to its statutory
 * holidays, without make-up working days, and is provisional.
 */
export async function loadWorkingCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const [years, days] = await Promise.all([
    db.selectFrom('calendar_years').select(['year', 'provisional']).execute(),
    db.selectFrom('calendar_days').select(['date', 'year', 'kind']).execute(),
  ]);
  const arrangements = new Map<number, YearArrangement>(
    years.map(({ year, provisional }) => {
      const ofYear = days.filter((d) => d.year === year);
      const dates = (kind: CalendarDay['kind']) => ofYear.filter((d) => d.kind === kind).map((d) => d.date);
      return [year, { year, provisional, holidays: dates('holiday'), workdays: dates('workday') }];
    }),
  );
  return (year) => arrangements.get(year) ?? statutoryArrangement(year);
}

/** A stored year's arrangement as loaded, or undefined when the year was never loaded. */
export async function storedYear(db: Kysely<Database>, year: number) {
  const found = await db.selectFrom('calendar_years').select(['year', 'provisional', 'source']).where('year', '=', year).executeTakeFirst();
  if (!found) return undefined;
  const days = await db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute();
  return { ...found, days };
}
