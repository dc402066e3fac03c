import { sql, type Kysely } from 'kysely';

/**
 * Changing and stopping aid (应退尽退, issue 9 item 3): civil affairs raise, reduce or stop a household's monthly
 * benefit from a month on, with a reason (encrypted). A change or a stop is written once per case, kind and month.
 */
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('benefit_changes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('benefits.case_no'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('change','stop')`))
    .addColumn('monthly_amount_yuan', sql`numeric(10,2)`, (c) => c.check(sql`monthly_amount_yuan > 0`))
    .addColumn('from_month', 'text', (c) => c.notNull().check(sql`from_month ~ '^\\d{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('reason_cipher', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('benefit_changes_amount', sql`(kind = 'change') = (monthly_amount_yuan is not null)`)
    .addUniqueConstraint('benefit_changes_once', ['case_no', 'kind', 'from_month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('benefit_changes').execute();
}
