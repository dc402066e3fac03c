import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // The township reserve fund (临时救助备用金): its balance, which can never go below zero, and its ledger.
  await db.schema
    .createTable('reserve_funds')
    .addColumn('township_code', 'text', (c) => c.primaryKey().references('townships.code'))
    .addColumn('balance_yuan', sql`numeric(14,2)`, (c) => c.notNull().check(sql`balance_yuan >= 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('reserve_fund_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('township_code', 'text', (c) => c.notNull().references('reserve_funds.township_code'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('opening','replenishment','payment')`))
    // Signed: money in is positive, a payment negative.
    .addColumn('amount_yuan', sql`numeric(14,2)`, (c) => c.notNull().check(sql`(kind = 'payment' and amount_yuan < 0) or (kind = 'replenishment' and amount_yuan > 0) or (kind = 'opening' and amount_yuan >= 0)`))
    .addColumn('balance_after_yuan', sql`numeric(14,2)`, (c) => c.notNull().check(sql`balance_after_yuan >= 0`))
    // What the entry is for, unique per fund: `opening`, `aid:<caseNo>`, `replenishment:<key>`; a retry is a no-op.
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.references('cases.case_no'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('reserve_fund_entries_once', ['township_code', 'reference'])
    .execute();
  await sql`
    create function ledger_append_only() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
  await sql`create trigger reserve_fund_entries_append_only before update or delete on reserve_fund_entries for each row execute function ledger_append_only()`.execute(db);

  // An approved benefit, paid monthly by its benefit workflow (社会化发放).
  await db.schema
    .createTable('benefits')
    .addColumn('case_no', 'text', (c) => c.primaryKey().references('cases.case_no'))
    .addColumn('township_code', 'text', (c) => c.notNull().references('townships.code'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('monthly_amount_yuan', sql`numeric(10,2)`, (c) => c.notNull().check(sql`monthly_amount_yuan > 0`))
    .addColumn('start_month', 'text', (c) => c.notNull().check(sql`start_month ~ '^\\d{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('end_month', 'text', (c) => c.check(sql`end_month ~ '^\\d{4}-(0[1-9]|1[0-2])$'`))
    // AES-256-GCM, as ID numbers (db/personalData.ts).
    .addColumn('bank_account_cipher', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('benefit_payments')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('benefits.case_no'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount_yuan', sql`numeric(10,2)`, (c) => c.notNull().check(sql`amount_yuan > 0`))
    .addColumn('bank_account_cipher', 'text', (c) => c.notNull())
    // The workflow run that wrote it (diagnostics: which run paid, when runs overlap).
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('benefit_payments_once', ['case_no', 'month'])
    .execute();
  await sql`create trigger benefit_payments_append_only before update or delete on benefit_payments for each row execute function ledger_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('benefit_payments').execute();
  await db.schema.dropTable('benefits').execute();
  await db.schema.dropTable('reserve_fund_entries').execute();
  await db.schema.dropTable('reserve_funds').execute();
  await sql`drop function ledger_append_only`.execute(db);
}
