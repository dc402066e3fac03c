import type { Test } from 'supertest';

export interface InboxEntry {
  id: string;
  caseNo: string;
  needs: string[];
}

/**
 * Every page of a work list (a department's inbox, a case list, the overdue board), read through its cursor: the
 * test database holds the cases of every test file, so one page may not reach the case a test has just opened.
 */
export async function wholeList<T>(get: (query: Record<string, string | number>) => Test, query: Record<string, string | number> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Record<string, string | number> = cursor ? { ...query, limit: 200, cursor } : { ...query, limit: 200 };
    const { body }: { body: { items: T[]; nextCursor: string | null } } = await get(page).expect(200);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

export const wholeInbox = (get: (query: Record<string, string | number>) => Test, query: Record<string, string | number> = {}) => wholeList<InboxEntry>(get, query);
