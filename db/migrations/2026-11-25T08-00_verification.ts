import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Family economic verification (家庭经济状况核对): data delivered by the departments, in batches.
  await db.schema
    .createTable('verification_batches')
    .addColumn('batch_id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull().references('counties.code'))
    .addColumn('source', 'text', (c) => c.notNull())
    // Keyed fingerprint of the batch's records: the same batch id with other content is refused.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('verification_records')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('verification_batches.batch_id'))
    // The person, by the ID-number blind index only: matched to household members when a case is verified.
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('income','deposit','vehicle','real_estate','business','social_insurance')`))
    .addColumn('amount_yuan', sql`numeric(14,2)`, (c) => c.notNull().check(sql`amount_yuan >= 0`))
    .addColumn('period', 'text')
    .execute();
  await db.schema.createIndex('verification_records_person').on('verification_records').column('id_number_hash').execute();

  await db.schema
    .createTable('verifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('household_size', 'integer', (c) => c.notNull())
    .addColumn('standard_yuan', sql`numeric(10,2)`, (c) => c.notNull())
    .addColumn('per_capita_income_yuan', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('eligible', 'boolean', (c) => c.notNull())
    // Each rule passed or failed, and the findings (e.g. a member without data): codes and numbers only.
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('findings', 'jsonb', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    // What asked for it (a request id, a workflow step): a retried activity finds its verification.
    .addColumn('run_key', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('verifications_once', ['case_no', 'run_key'])
    .execute();
  await db.schema.createIndex('verifications_case').on('verifications').columns(['case_no', 'verified_at']).execute();
  await db.schema
    .createTable('verification_evidence')
    .addColumn('verification_id', 'bigint', (c) => c.notNull().references('verifications.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('record_id', 'bigint', (c) => c.references('verification_records.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_yuan', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('verification_evidence').execute();
  await db.schema.dropTable('verifications').execute();
  await db.schema.dropTable('verification_records').execute();
  await db.schema.dropTable('verification_batches').execute();
}
