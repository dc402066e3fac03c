/** Resident identity numbers (居民身份证号码), GB 11643-1999: 17 digits and a mod 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;

export function checkCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

export type IdNumberProblem = 'shape' | 'birth_date' | 'check_digit';

/** Why `value` is not a valid resident ID number, or null when it is. Lower-case x is not accepted. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  const match = SHAPE.exec(value);
  if (!match) return 'shape';
  const [year, month, day] = match.slice(1, 4).map(Number);
  const birth = new Date(Date.UTC(year, month - 1, day));
  const valid = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!valid || year < 1900) return 'birth_date';
  return checkCharacter(value.slice(0, 17)) === value[17] ? null : 'check_digit';
}

/** Hides the birth date: 11010519491231002X → 110105********002X. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}
