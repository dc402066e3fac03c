/**
 * Rows asked for per page of a work list: the API's default (50), or `?pageSize=` in the console's address
 * (`/console/?pageSize=2#/inbox`), which the browser tests use to page through a few rows.
 */
export function pageSize(): number {
  const asked = Number(new URLSearchParams(location.search).get('pageSize'));
  return Number.isInteger(asked) && asked >= 1 && asked <= 200 ? asked : 50;
}
