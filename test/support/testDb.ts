import { sql, type Kysely } from 'kysely';
import { connectDatabase } from '../../db/connect';
import type { Database } from '../../db/schema';

/** The run's database (created, migrated and seeded by the global setup). */
export function testDb(): Kysely<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup)');
  return connectDatabase(url, 5);
}

/** Removes every case and what hangs off it; reference data (townships, departments, calendar) stays. */
export async function truncateCases(db: Kysely<Database>): Promise<void> {
  await sql`truncate case_events, referrals, cases, persons, households restart identity cascade`.execute(db);
}
