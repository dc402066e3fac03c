import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Which case a workflow belongs to: case numbers repeat when a database is re-created beside a kept Temporal
  // cluster, this key does not. Carried in the workflow's memo and compared before the API trusts a workflow.
  // Cases opened before this migration keep null: their workflows carry no key, so nothing can be compared.
  await db.schema.alterTable('cases').addColumn('workflow_key', 'uuid').execute();
  await db.schema.alterTable('cases').alterColumn('workflow_key', (c) => c.setDefault(sql`gen_random_uuid()`)).execute();
  // Set once the case's workflow is known to run; the reconciler starts the workflows of cases still without.
  await db.schema.alterTable('cases').addColumn('workflow_started_at', 'timestamptz').execute();
  await sql`update cases set workflow_started_at = opened_at`.execute(db);
  await db.schema.createIndex('cases_without_workflow').on('cases').column('opened_at').where(sql.ref('workflow_started_at'), 'is', null).execute();

  // One row: this deployment's identity, also stored in the Temporal namespace it uses (readyz compares them).
  await db.schema
    .createTable('deployment')
    .addColumn('singleton', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into deployment default values`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deployment').execute();
  await db.schema.dropIndex('cases_without_workflow').execute();
  await db.schema.alterTable('cases').dropColumn('workflow_started_at').dropColumn('workflow_key').execute();
}
