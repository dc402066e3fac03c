import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Fraud records (失信惩戒): a person found through the ID-number blind index is barred while a record is in force.
  await db.schema
    .createTable('barred_persons')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull().references('counties.code'))
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('id_number_cipher', 'text', (c) => c.notNull())
    .addColumn('reason_cipher', 'text', (c) => c.notNull())
    .addColumn('amount_to_return_yuan', sql`numeric(12,2)`, (c) => c.notNull().check(sql`amount_to_return_yuan >= 0`))
    .addColumn('barred_from', 'timestamptz', (c) => c.notNull())
    .addColumn('barred_until', 'timestamptz')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lifted_by', 'text')
    .addColumn('lifted_at', 'timestamptz')
    .addColumn('lift_reason_cipher', 'text')
    .execute();
  await db.schema.createIndex('barred_persons_lookup').on('barred_persons').columns(['id_number_hash', 'county_code']).execute();

  // Changes that belong to no case (fraud records): append-only like case_events.
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_events is append-only'; end $$`.execute(db);
  await sql`
    create trigger audit_events_append_only before update or delete or truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);

  // What the reviewer should look at (防止重复救助): a member in another open case, a person already receiving aid.
  await db.schema
    .createTable('case_flags')
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('member_in_open_case','receiving_aid')`))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('other_case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addPrimaryKeyConstraint('case_flags_pk', ['case_no', 'kind', 'path', 'other_case_no'])
    .execute();
  await db.schema.createIndex('persons_household').on('persons').column('household_id').execute();
  await db.schema.createIndex('cases_household').on('cases').column('household_id').execute();

  // The referral loop: signed for, returned to the window, referred on, cancelled with its case.
  await sql`alter table referrals drop constraint referrals_status_check`.execute(db);
  await sql`alter table referrals add constraint referrals_status_check check (status in ('open','accepted','returned','completed','referred_on','cancelled'))`.execute(db);
  await db.schema
    .alterTable('referrals')
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('referred_to', 'text', (c) => c.references('departments.code'))
    .execute();

  // Notifications of the referral loop and of a case's end, besides the clocks' own.
  await sql`alter table notifications alter column clock drop not null`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in ('warning','breach','escalation','referral_accepted','referral_completed','referral_returned','referral_referred_on','referral_resent','case_withdrawn','case_terminated','case_not_accepted'))`.execute(db);
  // Read marks per staff member: several people share one mailbox (a township window, a county).
  await db.schema
    .createTable('notification_reads')
    .addColumn('notification_id', 'bigint', (c) => c.notNull().references('notifications.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('read_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'staff_id'])
    .execute();

  // Proactive discovery (主动发现): reporters (village/community assistance workers, grid workers) of a township.
  await sql`alter table staff drop constraint staff_role_check`.execute(db);
  await sql`alter table staff add constraint staff_role_check check (role in ('window','department','reviewer','admin','reporter'))`.execute(db);
  await db.schema
    .createTable('leads')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('township_code', 'text', (c) => c.notNull().references('townships.code'))
    .addColumn('reported_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('name_cipher', 'text', (c) => c.notNull())
    .addColumn('id_number_cipher', 'text')
    .addColumn('phone_cipher', 'text')
    .addColumn('hardship_cipher', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull().check(sql`urgency in ('normal','emergency')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','converted','closed')`))
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('handled_by', 'text')
    .addColumn('handled_at', 'timestamptz')
    .addColumn('case_no', 'text', (c) => c.references('cases.case_no'))
    .addColumn('close_reason_cipher', 'text')
    .execute();
  await db.schema.createIndex('leads_inbox').on('leads').columns(['township_code', 'status', 'due_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('leads').execute();
  await sql`delete from staff_tokens where staff_id in (select id from staff where role = 'reporter')`.execute(db);
  await sql`delete from staff where role = 'reporter'`.execute(db);
  await sql`alter table staff drop constraint staff_role_check`.execute(db);
  await sql`alter table staff add constraint staff_role_check check (role in ('window','department','reviewer','admin'))`.execute(db);
  await db.schema.dropTable('notification_reads').execute();
  await sql`delete from notifications where clock is null or kind not in ('warning','breach','escalation')`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in ('warning','breach','escalation'))`.execute(db);
  await sql`alter table notifications alter column clock set not null`.execute(db);
  await db.schema.alterTable('referrals').dropColumn('accepted_by').dropColumn('accepted_at').dropColumn('referred_to').execute();
  await sql`alter table referrals drop constraint referrals_status_check`.execute(db);
  await sql`alter table referrals add constraint referrals_status_check check (status in ('open','completed'))`.execute(db);
  await db.schema.dropIndex('cases_household').execute();
  await db.schema.dropIndex('persons_household').execute();
  await db.schema.dropTable('case_flags').execute();
  await db.schema.dropTable('audit_events').execute();
  await sql`drop function audit_events_append_only`.execute(db);
  await db.schema.dropTable('barred_persons').execute();
}
