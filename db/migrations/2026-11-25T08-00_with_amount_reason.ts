import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // A benefit remembers the amount proposed from the verification, and why a reviewer decided another (encrypted).
  await db.schema.alterTable('benefits').addColumn('proposed_amount_yuan', sql`numeric(10,2)`).addColumn('amount_reason_cipher', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('benefits').dropColumn('proposed_amount_yuan').dropColumn('amount_reason_cipher').execute();
}
