import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Who hears of a breached clock at each level; null keeps the clock's default recipients.
  await db.schema.alterTable('time_limits').addColumn('escalate_to', sql`text[]`).execute();

  // Every change of a county's settings is a new version: the whole settings after the change, who, when and why.
  await db.schema
    .createTable('settings_versions')
    .addColumn('county_code', 'text', (c) => c.notNull().references('counties.code'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('time_limits', 'jsonb', (c) => c.notNull())
    .addColumn('programme', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('request_id', 'text')
    .addColumn('retime_open_clocks', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('settings_versions_pk', ['county_code', 'version'])
    .execute();
  await sql`
    create function settings_versions_append_only() returns trigger language plpgsql as $$
    begin raise exception 'settings_versions is append-only'; end $$`.execute(db);
  await sql`
    create trigger settings_versions_append_only before update or delete on settings_versions
    for each row execute function settings_versions_append_only()`.execute(db);
  await sql`
    create trigger settings_versions_no_truncate before truncate on settings_versions
    for each statement execute function settings_versions_append_only()`.execute(db);

  // Work lists: a case's worst open clock and earliest open deadline, a referral's clock state, kept by the
  // clock projection, so that lists filter and sort on one table's indexed columns.
  await db.schema
    .alterTable('cases')
    .addColumn('sla_state', 'text', (c) => c.notNull().defaultTo('on_track').check(sql`sla_state in ('on_track','warning','breached','met')`))
    .addColumn('due_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('referrals')
    .addColumn('sla_state', 'text', (c) => c.notNull().defaultTo('on_track').check(sql`sla_state in ('on_track','warning','breached','met')`))
    .execute();
  await sql`
    update cases set sla_state = agg.sla_state, due_at = agg.due_at from (
      select case_no,
        case when bool_or(met_at is null and sla_state = 'breached') then 'breached'
             when bool_or(met_at is null and sla_state = 'warning') then 'warning'
             when bool_or(met_at is null) then 'on_track' else 'met' end as sla_state,
        min(due_at) filter (where met_at is null) as due_at
      from sla_clocks group by case_no) agg
    where agg.case_no = cases.case_no`.execute(db);
  await sql`
    update referrals set sla_state = c.sla_state from sla_clocks c
    where c.case_no = referrals.case_no and c.clock = 'referral:' || referrals.department_code`.execute(db);

  // Cases carry their county, referrals and clocks their case's township and county (each filled on insert by the
  // database), so that every list is scoped, filtered and counted on its own table's indexes.
  await db.schema.alterTable('cases').addColumn('county_code', 'text').execute();
  await sql`update cases set county_code = t.county_code from townships t where t.code = cases.township_code`.execute(db);
  await db.schema.alterTable('cases').alterColumn('county_code', (c) => c.setNotNull()).execute();
  await sql`
    create function case_county() returns trigger language plpgsql as $$
    begin
      select county_code into new.county_code from townships where code = new.township_code;
      return new;
    end $$`.execute(db);
  await sql`create trigger cases_county before insert on cases for each row execute function case_county()`.execute(db);
  for (const table of ['referrals', 'sla_clocks']) {
    await db.schema.alterTable(table).addColumn('township_code', 'text').addColumn('county_code', 'text').execute();
    await sql`
      update ${sql.table(table)} r set township_code = c.township_code, county_code = t.county_code
      from cases c join townships t on t.code = c.township_code where c.case_no = r.case_no`.execute(db);
    await db.schema.alterTable(table).alterColumn('township_code', (c) => c.setNotNull()).alterColumn('county_code', (c) => c.setNotNull()).execute();
  }
  await sql`
    create function work_list_scope() returns trigger language plpgsql as $$
    begin
      select c.township_code, t.county_code into new.township_code, new.county_code
      from cases c join townships t on t.code = c.township_code where c.case_no = new.case_no;
      return new;
    end $$`.execute(db);
  await sql`create trigger referrals_scope before insert on referrals for each row execute function work_list_scope()`.execute(db);
  await sql`create trigger sla_clocks_scope before insert on sla_clocks for each row execute function work_list_scope()`.execute(db);

  // Every list's order ends with a unique key (keyset pagination); each filter has an index in that order.
  await sql`create index cases_by_due on cases (county_code, (coalesce(due_at, 'infinity')), case_no)`.execute(db);
  await sql`create index cases_township_by_due on cases (township_code, (coalesce(due_at, 'infinity')), case_no)`.execute(db);
  await sql`create index cases_sla_by_due on cases (county_code, sla_state, (coalesce(due_at, 'infinity')), case_no)`.execute(db);
  await sql`create index cases_opened on cases (county_code, opened_at, case_no)`.execute(db);
  await db.schema.dropIndex('referrals_inbox').execute();
  await sql`create index referrals_inbox on referrals (county_code, department_code, status, due_at, id)`.execute(db);
  await sql`create index referrals_inbox_sla on referrals (county_code, department_code, sla_state, due_at, id) where status = 'open'`.execute(db);
  await sql`create index referrals_inbox_township on referrals (township_code, department_code, status, due_at, id)`.execute(db);
  const open = sql`met_at is null and sla_state in ('warning','breached')`;
  await sql`create index sla_clocks_overdue on sla_clocks (county_code, due_at, case_no, clock) where ${open}`.execute(db);
  await sql`create index sla_clocks_overdue_sla on sla_clocks (county_code, sla_state, due_at, case_no, clock) where ${open}`.execute(db);
  await sql`create index sla_clocks_overdue_township on sla_clocks (township_code, due_at, case_no, clock) where ${open}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const indexes = ['cases_by_due', 'cases_township_by_due', 'cases_sla_by_due', 'cases_opened', 'referrals_inbox', 'referrals_inbox_sla', 'referrals_inbox_township'];
  for (const index of [...indexes, 'sla_clocks_overdue', 'sla_clocks_overdue_sla', 'sla_clocks_overdue_township']) await db.schema.dropIndex(index).execute();
  await db.schema.createIndex('referrals_inbox').on('referrals').columns(['department_code', 'status', 'due_at']).execute();
  await sql`drop trigger referrals_scope on referrals`.execute(db);
  await sql`drop trigger sla_clocks_scope on sla_clocks`.execute(db);
  await sql`drop function work_list_scope`.execute(db);
  await sql`drop trigger cases_county on cases`.execute(db);
  await sql`drop function case_county`.execute(db);
  await db.schema.alterTable('sla_clocks').dropColumn('township_code').dropColumn('county_code').execute();
  await db.schema.alterTable('referrals').dropColumn('township_code').dropColumn('county_code').dropColumn('sla_state').execute();
  await db.schema.alterTable('cases').dropColumn('sla_state').dropColumn('due_at').dropColumn('county_code').execute();
  await db.schema.dropTable('settings_versions').execute();
  await sql`drop function settings_versions_append_only`.execute(db);
  await db.schema.alterTable('time_limits').dropColumn('escalate_to').execute();
}
