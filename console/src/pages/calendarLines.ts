/**
 * A year's arrangement as an administrator types it from the State Council's notice, one day a line:
 * `2027-01-01 放假 元旦` or `2027-02-07 上班 春节` (also `holiday` / `workday`).
 */
const KINDS: Record<string, string> = { 放假: 'holiday', 休: 'holiday', holiday: 'holiday', 上班: 'workday', 班: 'workday', workday: 'workday' };

export function calendarDays(text: string): { date: string; kind: string; name: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [date = '', kind = '', ...name] = line.split(/\s+/);
      return { date, kind: KINDS[kind] ?? kind, name: name.join(' ') };
    });
}
