import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counties')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('townships')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull().references('counties.code'))
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('departments')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('referral_working_days', 'integer', (c) => c.notNull().defaultTo(5).check(sql`referral_working_days > 0`))
    .execute();
  await db.schema
    .createTable('staff')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('window','department','reviewer','admin')`))
    .addColumn('county_code', 'text', (c) => c.notNull().references('counties.code'))
    .addColumn('township_code', 'text', (c) => c.references('townships.code'))
    .addColumn('department_code', 'text', (c) => c.references('departments.code'))
    .execute();
  await db.schema
    .createTable('households')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('township_code', 'text', (c) => c.notNull().references('townships.code'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('persons')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('relation', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('persons_id_number').on('persons').column('id_number').execute();
  await sql`create sequence case_no_seq`.execute(db);
  await db.schema
    .createTable('cases')
    .addColumn('case_no', 'text', (c) => c.primaryKey())
    .addColumn('township_code', 'text', (c) => c.notNull().references('townships.code'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('applicant_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('needs', sql`text[]`, (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('emergency', 'jsonb')
    .addColumn('narrative', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('cases_township_stage').on('cases').columns(['township_code', 'stage']).execute();
  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','completed')`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_provisional', 'boolean', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('measures', 'jsonb')
    .addColumn('note', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('completed_at', 'timestamptz')
    .addUniqueConstraint('referrals_case_department', ['case_no', 'department_code'])
    .execute();
  await db.schema.createIndex('referrals_inbox').on('referrals').columns(['department_code', 'status', 'due_at']).execute();
  await db.schema
    .createTable('case_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('case_events_once', ['case_no', 'event_key'])
    .execute();
  await sql`
    create function case_events_append_only() returns trigger language plpgsql as $$
    begin raise exception 'case_events is append-only'; end $$`.execute(db);
  await sql`
    create trigger case_events_append_only before update or delete on case_events
    for each row execute function case_events_append_only()`.execute(db);
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('provisional', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().references('calendar_years.year').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday','workday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calendar_days', 'calendar_years', 'case_events', 'referrals', 'cases', 'persons', 'households', 'staff', 'departments', 'townships', 'counties']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function case_events_append_only`.execute(db);
  await sql`drop sequence case_no_seq`.execute(db);
}
