import { sql, type Kysely } from 'kysely';
import { connectDatabase } from '../../db/connect';
import type { Database } from '../../db/schema';

/** The run's database (created, migrated and seeded by the global setup), or the one at `url`. */
export function testDb(url = process.env.TEST_DATABASE_URL): Kysely<Database> {
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup)');
  return connectDatabase(url, 5);
}

/**
 * Removes every case and what hangs off it; reference data (townships, departments, calendar) stays.
 * case_events is append-only, enforced by triggers; test clean-up (and only test clean-up) lifts them for its
 * own transaction, as the superuser the tests connect as.
 */
export async function truncateCases(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`truncate case_events, referrals, cases, persons, households restart identity cascade`.execute(trx);
  });
}
