import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Messages to applicants (SMS), delivered by the delivery worker: one row per case and event, sent once.
  await db.schema
    .createTable('applicant_messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    // Unique per case: `accepted`, `referral:<department>`, `decision`, `first_payment`; a retried write is a no-op.
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('phone_cipher', 'text', (c) => c.notNull())
    // The zh-CN text, rendered from the template: case numbers, codes, dates and amounts, never a name.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending','sent')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('provider', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('applicant_messages_once', ['case_no', 'event_key'])
    .execute();
  await db.schema.createIndex('applicant_messages_due').on('applicant_messages').column('next_attempt_at').where(sql.ref('status'), '=', 'pending').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('applicant_messages').execute();
}
