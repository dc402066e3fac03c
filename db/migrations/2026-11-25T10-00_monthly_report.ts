import { sql, type Kysely } from 'kysely';

/** The monthly report (issue 9 item 4) counts a month's case events of some types: found by type and time. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index case_events_by_type_and_time on case_events (type, occurred_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index case_events_by_type_and_time`.execute(db);
}
