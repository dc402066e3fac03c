import { sql, type Kysely } from 'kysely';

/**
 * Work lists filtered by need, and the department's to-do list, read from one index each (issue #13: first page
 * under 20 ms at 100 000 cases).
 *
 * - Referrals and clocks carry their case's needs (set on insert by the database, like their township and county;
 *   a case's needs never change after intake), and the list indexes include them, so that a `need` filter is
 *   checked in the index (an index-only scan) instead of looking up each row's case.
 * - The inbox's "open" is two statuses (sent, signed for): its indexes are partial on exactly those, so that the
 *   first page is the first rows of one index range rather than a sort of every open referral.
 */
const TODO = sql`status in ('open', 'accepted')`;
const OVERDUE = sql`met_at is null and sla_state in ('warning','breached')`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['referrals', 'sla_clocks']) {
    await db.schema.alterTable(table).addColumn('needs', sql`text[]`).execute();
    await sql`update ${sql.table(table)} r set needs = c.needs from cases c where c.case_no = r.case_no`.execute(db);
    await db.schema.alterTable(table).alterColumn('needs', (c) => c.setNotNull()).execute();
  }
  await sql`
    create or replace function work_list_scope() returns trigger language plpgsql as $$
    begin
      select c.township_code, t.county_code, c.needs into new.township_code, new.county_code, new.needs
      from cases c join townships t on t.code = c.township_code where c.case_no = new.case_no;
      return new;
    end $$`.execute(db);

  await sql`drop index cases_by_due, cases_township_by_due, cases_sla_by_due, referrals_inbox_sla`.execute(db);
  await sql`create index cases_by_due on cases (county_code, (coalesce(due_at, 'infinity')), case_no) include (needs)`.execute(db);
  await sql`create index cases_township_by_due on cases (township_code, (coalesce(due_at, 'infinity')), case_no) include (needs)`.execute(db);
  await sql`create index cases_sla_by_due on cases (county_code, sla_state, (coalesce(due_at, 'infinity')), case_no) include (needs)`.execute(db);

  await sql`create index referrals_todo on referrals (county_code, department_code, due_at, id) include (needs) where ${TODO}`.execute(db);
  await sql`create index referrals_todo_sla on referrals (county_code, department_code, sla_state, due_at, id) include (needs) where ${TODO}`.execute(db);
  await sql`create index referrals_todo_township on referrals (township_code, department_code, due_at, id) include (needs) where ${TODO}`.execute(db);

  await sql`drop index sla_clocks_overdue, sla_clocks_overdue_sla, sla_clocks_overdue_township`.execute(db);
  await sql`create index sla_clocks_overdue on sla_clocks (county_code, due_at, case_no, clock) include (needs) where ${OVERDUE}`.execute(db);
  await sql`create index sla_clocks_overdue_sla on sla_clocks (county_code, sla_state, due_at, case_no, clock) include (needs) where ${OVERDUE}`.execute(db);
  await sql`create index sla_clocks_overdue_township on sla_clocks (township_code, due_at, case_no, clock) include (needs) where ${OVERDUE}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index referrals_todo, referrals_todo_sla, referrals_todo_township`.execute(db);
  await sql`drop index cases_by_due, cases_township_by_due, cases_sla_by_due, sla_clocks_overdue, sla_clocks_overdue_sla, sla_clocks_overdue_township`.execute(db);
  await sql`create index cases_by_due on cases (county_code, (coalesce(due_at, 'infinity')), case_no)`.execute(db);
  await sql`create index cases_township_by_due on cases (township_code, (coalesce(due_at, 'infinity')), case_no)`.execute(db);
  await sql`create index cases_sla_by_due on cases (county_code, sla_state, (coalesce(due_at, 'infinity')), case_no)`.execute(db);
  await sql`create index referrals_inbox_sla on referrals (county_code, department_code, sla_state, due_at, id) where status = 'open'`.execute(db);
  await sql`create index sla_clocks_overdue on sla_clocks (county_code, due_at, case_no, clock) where ${OVERDUE}`.execute(db);
  await sql`create index sla_clocks_overdue_sla on sla_clocks (county_code, sla_state, due_at, case_no, clock) where ${OVERDUE}`.execute(db);
  await sql`create index sla_clocks_overdue_township on sla_clocks (township_code, due_at, case_no, clock) where ${OVERDUE}`.execute(db);
  await sql`
    create or replace function work_list_scope() returns trigger language plpgsql as $$
    begin
      select c.township_code, t.county_code into new.township_code, new.county_code
      from cases c join townships t on t.code = c.township_code where c.case_no = new.case_no;
      return new;
    end $$`.execute(db);
  for (const table of ['referrals', 'sla_clocks']) await db.schema.alterTable(table).dropColumn('needs').execute();
}
