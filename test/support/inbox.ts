import type { Test } from 'supertest';

export interface InboxEntry {
  id: string;
  caseNo: string;
  needs: string[];
}

/**
 * Every page of a department's inbox, read through its cursor: the test database holds the cases of every test
 * file, so one page (50 by default) may not reach the case a test has just opened.
 */
export async function wholeInbox(get: (query: Record<string, string | number>) => Test, query: Record<string, string | number> = {}): Promise<InboxEntry[]> {
  const items: InboxEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: Record<string, string | number> = cursor ? { ...query, limit: 200, cursor } : { ...query, limit: 200 };
    const { body }: { body: { items: InboxEntry[]; nextCursor: string | null } } = await get(page).expect(200);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}
