import { sql, type Kysely } from 'kysely';

/**
 * A lead's time limit, enforced (issue 7 item 3): each open lead has a workflow that, when the lead is overdue,
 * marks it breached and tells the township window and the county, and escalates to the county while it stays
 * open. Leads carry that state; notifications may be about a lead instead of a case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('leads')
    .addColumn('sla_state', 'text', (c) => c.notNull().defaultTo('on_track').check(sql`sla_state in ('on_track','breached')`))
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('workflow_started_at', 'timestamptz')
    // Part of the workflow ID: lead numbers start again with a new database, workflow IDs must not (as cases' keys).
    .addColumn('workflow_key', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .execute();
  // Leads recorded before: their workflows are started by the reconciler like any other lead's.
  await sql`create index leads_without_workflow on leads (id) where workflow_started_at is null and status = 'open'`.execute(db);

  await db.schema.alterTable('notifications').alterColumn('case_no', (c) => c.dropNotNull()).addColumn('lead_id', 'integer', (c) => c.references('leads.id')).execute();
  await sql`alter table notifications add constraint notifications_about check ((case_no is null) <> (lead_id is null))`.execute(db);
  await sql`create unique index notifications_lead_once on notifications (lead_id, event_key) where lead_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notifications where lead_id is not null`.execute(db);
  await sql`drop index notifications_lead_once`.execute(db);
  await sql`alter table notifications drop constraint notifications_about`.execute(db);
  await db.schema.alterTable('notifications').dropColumn('lead_id').alterColumn('case_no', (c) => c.setNotNull()).execute();
  await sql`drop index leads_without_workflow`.execute(db);
  await db.schema.alterTable('leads').dropColumn('sla_state').dropColumn('escalation_level').dropColumn('workflow_started_at').dropColumn('workflow_key').execute();
}
