import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Time limits per county, clock and programme (a need code for approval, a department code for referrals, '*').
  await db.schema
    .createTable('time_limits')
    .addColumn('county_code', 'text', (c) => c.notNull().references('counties.code'))
    .addColumn('clock', 'text', (c) => c.notNull().check(sql`clock in ('approval','emergency_aid','emergency_paperwork','referral')`))
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('hours','working_days')`))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('warn_before', 'integer', (c) => c.notNull().check(sql`warn_before >= 0`))
    .addColumn('escalate_every_hours', 'integer', (c) => c.notNull().check(sql`escalate_every_hours > 0`))
    .addPrimaryKeyConstraint('time_limits_pk', ['county_code', 'clock', 'programme'])
    .execute();
  // Referral limits move from departments into time_limits, one row per county and department.
  await sql`
    insert into time_limits (county_code, clock, programme, unit, amount, warn_before, escalate_every_hours)
    select counties.code, 'referral', departments.code, 'working_days', departments.referral_working_days, 1, 24
    from counties cross join departments`.execute(db);
  await db.schema.alterTable('departments').dropColumn('referral_working_days').execute();

  // The projection of every clock, for staff lists and /admin/overdue (Temporal owns the timers themselves).
  await db.schema
    .createTable('sla_clocks')
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('warn_at', 'timestamptz', (c) => c.notNull())
    .addColumn('provisional', 'boolean', (c) => c.notNull())
    .addColumn('sla_state', 'text', (c) => c.notNull().check(sql`sla_state in ('on_track','warning','breached','met')`))
    .addColumn('paused', 'boolean', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull())
    .addColumn('budget_unit', 'text', (c) => c.notNull())
    .addColumn('budget_amount', 'double precision', (c) => c.notNull())
    .addColumn('met_at', 'timestamptz')
    .addColumn('late', 'boolean', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_clocks_pk', ['case_no', 'clock'])
    .execute();
  await db.schema.createIndex('sla_clocks_open').on('sla_clocks').columns(['sla_state', 'due_at']).where(sql.ref('met_at'), 'is', null).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().references('cases.case_no'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('warning','breach','escalation')`))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('notifications_once', ['case_no', 'event_key'])
    .execute();
  await db.schema.createIndex('notifications_recipient').on('notifications').columns(['recipient', 'created_at']).execute();

  await db.schema
    .alterTable('cases')
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('approve','reject')`))
    .addColumn('decision_reason_cipher', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_late', 'boolean')
    .execute();
  await db.schema
    .createTable('emergency_aid')
    .addColumn('case_no', 'text', (c) => c.primaryKey().references('cases.case_no'))
    .addColumn('amount_yuan', sql`numeric(10,2)`, (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull().check(sql`form in ('cash','goods','service')`))
    .addColumn('given_by', 'text', (c) => c.notNull())
    .addColumn('given_at', 'timestamptz', (c) => c.notNull())
    .addColumn('late', 'boolean', (c) => c.notNull())
    .addColumn('paperwork_completed_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('emergency_aid').execute();
  await db.schema.alterTable('cases').dropColumn('decision').dropColumn('decision_reason_cipher').dropColumn('decided_by').dropColumn('decided_at').dropColumn('decided_late').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('sla_clocks').execute();
  await db.schema.alterTable('departments').addColumn('referral_working_days', 'integer', (c) => c.notNull().defaultTo(5)).execute();
  await sql`update departments set referral_working_days = t.amount from time_limits t where t.clock = 'referral' and t.programme = departments.code`.execute(db);
  await db.schema.dropTable('time_limits').execute();
}
