import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Home investigation (入户调查): township staff visit the household, at least two of them.
  await db.schema
    .createTable('home_investigations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addColumn('visited_on', 'date', (c) => c.notNull())
    // Staff ids (`staff.id`), at least two.
    .addColumn('staff_ids', sql`integer[]`, (c) => c.notNull().check(sql`cardinality(staff_ids) >= 2`))
    .addColumn('neighbours_asked', 'integer', (c) => c.notNull().check(sql`neighbours_asked >= 0`))
    // Free text about the household: encrypted (db/personalData.ts).
    .addColumn('findings_cipher', 'text', (c) => c.notNull())
    // File references (where the photos are stored), never the photos themselves.
    .addColumn('photos', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('home_investigations_once_a_day', ['case_no', 'visited_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('home_investigations').execute();
}
