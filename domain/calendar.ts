/**
 * Working-day arithmetic on the official Chinese calendar, in Beijing time whatever the server's zone.
 * Pure: the arrangement of each year (holidays and make-up working days, 调休) is supplied by the caller.
 */
export interface YearArrangement {
  year: number;
  /** Days off (YYYY-MM-DD), including any weekend days inside a holiday period. */
  holidays: readonly string[];
  /** Make-up working days on weekends (调休上班). */
  workdays: readonly string[];
  /** True when the State Council has not published the year and only statutory days are known. */
  provisional: boolean;
}

export type WorkingCalendar = (year: number) => YearArrangement;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of the Beijing calendar date on which `instant` falls. */
export function beijingDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
}

/** The Beijing calendar date (YYYY-MM-DD) of `instant`. */
export function beijingDate(instant: Date): string {
  return isoDate(beijingDayNumber(instant));
}

/** The calendar date (YYYY-MM-DD) of a day number. */
export function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 00:00 Beijing time at the start of a day number, as an instant. */
function startOfBeijingDay(dayNumber: number): Date {
  return new Date(dayNumber * DAY_MS - BEIJING_OFFSET_MS);
}

export function isWorkingDay(date: string, arrangement: YearArrangement): boolean {
  if (arrangement.workdays.includes(date)) return true;
  if (arrangement.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export interface Deadline {
  dueAt: Date;
  provisional: boolean;
}

/**
 * The end of the `workingDays`-th working day after the day of `from` (the start day is not counted):
 * 24:00 Beijing time of that day, i.e. 00:00 +08:00 of the next calendar day.
 */
export function addWorkingDays(from: Date, workingDays: number, calendar: WorkingCalendar): Deadline {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('workingDays must be a positive integer');
  let day = beijingDayNumber(from);
  let counted = 0;
  let provisional = false;
  while (counted < workingDays) {
    day += 1;
    const date = isoDate(day);
    const arrangement = calendar(Number(date.slice(0, 4)));
    provisional ||= arrangement.provisional;
    if (isWorkingDay(date, arrangement)) counted += 1;
  }
  return { dueAt: startOfBeijingDay(day + 1), provisional };
}
