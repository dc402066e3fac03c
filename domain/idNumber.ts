/** Resident identity numbers (居民身份证号码), GB 11643-1999: 17 digits and a mod 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;

export function checkCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

export type IdNumberProblem = 'shape' | 'birth_date' | 'check_digit';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * Why `value` is not a valid resident ID number, or null when it is. Lower-case x is not accepted; nor is a
 * birth date after `now` (Beijing calendar date).
 */
export function idNumberProblem(value: string, now: Date = new Date()): IdNumberProblem | null {
  const match = SHAPE.exec(value);
  if (!match) return 'shape';
  const [year, month, day] = match.slice(1, 4).map(Number);
  const birth = new Date(Date.UTC(year, month - 1, day));
  const valid = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  // Both as 00:00 UTC of a calendar date: the birth date, and today's date in Beijing.
  const todayInBeijing = Math.floor((now.getTime() + BEIJING_OFFSET_MS) / 86_400_000) * 86_400_000;
  const bornInFuture = birth.getTime() > todayInBeijing;
  if (!valid || year < 1900 || bornInFuture) return 'birth_date';
  return checkCharacter(value.slice(0, 17)) === value[17] ? null : 'check_digit';
}

/** Hides the birth date: 11010519491231002X → 110105********002X. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}
