import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/**
 * Keyset pagination, shared by every work list: a page is the rows after the cursor in a total order given by
 * sort keys (the last one unique), so that pages never skip or repeat a row while rows come and go, and each page
 * costs an index range scan however deep it is. The total counts the filtered rows up to `COUNT_LIMIT` (beyond
 * it, counting would cost more than the page itself: the answer then says "at least").
 */
export const COUNT_LIMIT = 10_000;

export interface SortKey {
  /** The expression, exactly as an index has it. */
  expr: RawBuilder<unknown>;
  type: 'timestamptz' | 'text';
}

export interface PageRequest {
  limit: number;
  /** The sort-key values of the last row of the previous page, as text (exact: no rounding of instants). */
  after?: readonly string[];
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filters, exact up to COUNT_LIMIT. */
  total: number;
  /** False when there are more than COUNT_LIMIT rows (total is then COUNT_LIMIT). */
  totalExact: boolean;
  /** The `after` of the next page; null on the last page. */
  next: string[] | null;
}

/** A cursor that does not fit the list's sort keys (tampered with, or from another list). */
export class InvalidCursor extends Error {}

const TIMESTAMPTZ = /^(-?infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})$/;
const DATA_EXCEPTION = '22';

function checkAfter(keys: readonly SortKey[], after: readonly string[]): void {
  if (after.length !== keys.length) throw new InvalidCursor(`expected ${keys.length} keys`);
  keys.forEach((key, i) => {
    if (typeof after[i] !== 'string' || (key.type === 'timestamptz' && !TIMESTAMPTZ.test(after[i]))) throw new InvalidCursor(`key ${i}`);
  });
}

/**
 * One page of `filtered` (the list's table and filters, nothing selected yet) in the order of `keys`, the rows
 * shaped by `shape` (its columns and the joins they need); the total counts `filtered` alone, so that joins made
 * only for display cost nothing for the count.
 */
// kysely spells "nothing selected yet" as {}, and the shaped query's tables are the caller's (joins): any.
/* eslint-disable @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any */
export async function keysetPage<DB, TB extends keyof DB, O>(
  db: Kysely<DB>,
  filtered: SelectQueryBuilder<DB, TB, {}>,
  keys: readonly SortKey[],
  page: PageRequest,
  shape: (query: SelectQueryBuilder<DB, TB, {}>) => SelectQueryBuilder<any, any, O>,
): Promise<Page<O>> {
  /* eslint-enable @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any */
  const names = keys.map((_, i) => `sort_key_${i}`);
  let listed = filtered;
  if (page.after) {
    checkAfter(keys, page.after);
    const after = page.after;
    listed = listed.where(() => sql<boolean>`(${sql.join(keys.map((k) => k.expr))}) > (${sql.join(keys.map((k, i) => sql`${after[i]}::${sql.raw(k.type)}`))})`);
  }
  let rowsQuery = shape(listed).select(keys.map((key, i) => sql<string>`(${key.expr})::text`.as(names[i])));
  for (const key of keys) rowsQuery = rowsQuery.orderBy(key.expr);
  try {
    const [rows, counted] = await Promise.all([
      rowsQuery.limit(page.limit + 1).execute(),
      sql<{ total: string }>`select count(*) as total from (${filtered.select(sql`1`.as('one')).limit(COUNT_LIMIT + 1)}) as listed`.execute(db),
    ]);
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit) as Array<Record<string, unknown>>;
    const last = items[items.length - 1];
    const total = Number(counted.rows[0].total);
    return {
      items: items.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !names.includes(k))) as O),
      total: Math.min(total, COUNT_LIMIT),
      totalExact: total <= COUNT_LIMIT,
      next: more && last ? names.map((n) => String(last[n])) : null,
    };
  } catch (err) {
    // A cursor value PostgreSQL cannot read (e.g. month 13) is the client's mistake, not the server's.
    if (page.after && String((err as { code?: string }).code).startsWith(DATA_EXCEPTION)) throw new InvalidCursor('unreadable key');
    throw err;
  }
}
