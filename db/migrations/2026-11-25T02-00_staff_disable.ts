import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Issue 11: staff can be disabled (not only their tokens revoked), and what is done to staff accounts is audited.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('disabled_at', 'timestamptz').execute();
  await db.schema
    .createTable('staff_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    // Who did it: `staff:<id>` or `cli:<operating-system user>`, never a name.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('staff_events_staff').on('staff_events').column('staff_id').execute();
  await sql`
    create function staff_events_append_only() returns trigger language plpgsql as $$
    begin raise exception 'staff_events is append-only'; end $$`.execute(db);
  await sql`
    create trigger staff_events_append_only before update or delete on staff_events
    for each row execute function staff_events_append_only()`.execute(db);
  await sql`
    create trigger staff_events_no_truncate before truncate on staff_events
    for each statement execute function staff_events_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_events').execute();
  await sql`drop function staff_events_append_only`.execute(db);
  await db.schema.alterTable('staff').dropColumn('disabled_at').execute();
}
