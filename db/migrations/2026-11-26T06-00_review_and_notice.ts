import { sql, type Kysely } from 'kysely';

/**
 * Who approves and the public notice (issue 8 items 2–4): township reviewers (审批权下放); each proposed approval's
 * public notice (公示) with its outcome and the objection that ended it, if any; a home investigation belongs to
 * the review round it was made for (after an objection the township investigates again, possibly the same day);
 * notifications of a case passed up to the county and of first aid asked of the county (一事一议); the terms an
 * approval of a monthly benefit states (amount, first month, why it differs from the proposal); the household's
 * village (村/社区), which the notice board names.
 */
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table staff drop constraint staff_role_check`.execute(db);
  await sql`alter table staff add constraint staff_role_check check (role in ('window','department','reviewer','admin','reporter','township_reviewer'))`.execute(db);

  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in ('warning','breach','escalation','referral_accepted','referral_completed','referral_returned','referral_referred_on','referral_resent','case_withdrawn','case_terminated','case_not_accepted','review_escalated','notice_objected','county_aid_requested','county_aid_decided'))`.execute(db);

  await db.schema
    .createTable('public_notices')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addColumn('round', 'integer', (c) => c.notNull().check(sql`round >= 1`))
    .addColumn('township_code', 'text', (c) => c.notNull().references('townships.code'))
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('monthly_amount_yuan', sql`numeric(12,2)`)
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','passed','objected','cancelled')`))
    .addColumn('closed_at', 'timestamptz')
    // The objection that ended the notice: free text, encrypted (db/personalData.ts).
    .addColumn('objection_cipher', 'text')
    .addColumn('objected_by', 'text')
    .addUniqueConstraint('public_notices_round', ['case_no', 'round'])
    .execute();
  await sql`create index public_notices_board on public_notices (township_code, ends_at) where status = 'open'`.execute(db);

  await db.schema
    .alterTable('cases')
    .addColumn('decided_amount_yuan', sql`numeric(12,2)`)
    .addColumn('decided_start_month', 'text')
    .addColumn('decided_amount_reason_cipher', 'text')
    .addColumn('village_cipher', 'text')
    .execute();

  await db.schema.alterTable('home_investigations').addColumn('review_round', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`alter table home_investigations drop constraint home_investigations_once_a_day`.execute(db);
  await sql`alter table home_investigations add constraint home_investigations_once_a_day unique (case_no, review_round, visited_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table home_investigations drop constraint home_investigations_once_a_day`.execute(db);
  await sql`delete from home_investigations where review_round > 0`.execute(db);
  await sql`alter table home_investigations add constraint home_investigations_once_a_day unique (case_no, visited_on)`.execute(db);
  await db.schema.alterTable('home_investigations').dropColumn('review_round').execute();
  await db.schema.alterTable('cases').dropColumn('decided_amount_yuan').dropColumn('decided_start_month').dropColumn('decided_amount_reason_cipher').dropColumn('village_cipher').execute();
  await db.schema.dropTable('public_notices').execute();
  await sql`delete from notifications where kind in ('review_escalated','notice_objected','county_aid_requested','county_aid_decided')`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in ('warning','breach','escalation','referral_accepted','referral_completed','referral_returned','referral_referred_on','referral_resent','case_withdrawn','case_terminated','case_not_accepted'))`.execute(db);
  await sql`delete from staff_tokens where staff_id in (select id from staff where role = 'township_reviewer')`.execute(db);
  await sql`delete from staff where role = 'township_reviewer'`.execute(db);
  await sql`alter table staff drop constraint staff_role_check`.execute(db);
  await sql`alter table staff add constraint staff_role_check check (role in ('window','department','reviewer','admin','reporter'))`.execute(db);
}
