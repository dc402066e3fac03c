import './schemas'; // zod's .openapi(), before any schema here is made
import { z } from 'zod';
import { COUNT_LIMIT, InvalidCursor, type Page, type PageRequest } from '../db/repositories/keyset';
import { invalid } from './errors';

/**
 * The page parameters every work list takes, and its cursor: opaque to clients (base64url of the list's name
 * and the last row's sort keys), checked on the way back in.
 */
export const MAX_PAGE_SIZE = 200;

export const PageParams = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ description: `page size, at most ${MAX_PAGE_SIZE}` }),
  cursor: z.string().min(1).max(1000).optional().openapi({ description: 'nextCursor of the previous page' }),
};

const CursorBody = z.strictObject({ list: z.string(), after: z.array(z.string().max(200)).min(1).max(4) });
const badCursor = () => invalid([{ path: 'query.cursor', message: '无效的分页游标 (invalid cursor: use nextCursor of the previous page)' }]);

function decode(list: string, cursor: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const parsed = CursorBody.safeParse(body);
  if (!parsed.success || parsed.data.list !== list) throw badCursor();
  return parsed.data.after;
}

const encode = (list: string, after: string[]) => Buffer.from(JSON.stringify({ list, after })).toString('base64url');

/**
 * Runs one page of the list named `list` (a cursor of another list is refused) and answers
 * `{ items, total, nextCursor }`.
 */
export async function listPage<T, U>(
  list: string,
  params: { limit: number; cursor?: string },
  fetch: (page: PageRequest) => Promise<Page<T>>,
  present: (row: T) => U,
): Promise<{ items: U[]; total: number; totalExact: boolean; nextCursor: string | null }> {
  const request: PageRequest = { limit: params.limit, ...(params.cursor !== undefined ? { after: decode(list, params.cursor) } : {}) };
  let page: Page<T>;
  try {
    page = await fetch(request);
  } catch (err) {
    if (err instanceof InvalidCursor) throw badCursor();
    throw err;
  }
  return { items: page.items.map(present), total: page.total, totalExact: page.totalExact, nextCursor: page.next && encode(list, page.next) };
}

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int().openapi({ description: `rows matching the filters, all pages; counted up to ${COUNT_LIMIT}` }),
    totalExact: z.boolean().openapi({ description: `false when more than ${COUNT_LIMIT} rows match (total is then ${COUNT_LIMIT})` }),
    nextCursor: z.string().nullable().openapi({ description: 'the cursor of the next page; null on the last' }),
  });
