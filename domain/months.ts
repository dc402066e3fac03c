/** Calendar months as `YYYY-MM`, the unit of monthly benefits; a month begins at 00:00 Beijing time. */

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The instant month `month` begins, Beijing time. */
export function monthStart(month: string): Date {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 1) - BEIJING_OFFSET_MS);
}

export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The month `at` falls in, Beijing time. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 7);
}
