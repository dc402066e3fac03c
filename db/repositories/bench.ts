import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

/** What the benchmarks read and write directly (`npm run bench`). */

/**
 * Synthetic cases for the list benchmarks (`npm run bench:fixtures`): many cases straight into PostgreSQL,
 * without workflows, numbered `20200101-nnnnnn` (a day before this service existed) so that they can be told
 * apart and removed. No personal data: the "ciphertexts" are placeholders that no route decrypts in a list.
 * Every case has a civil-affairs and an education referral; `openShare` of them are still open, the rest
 * completed — an inbox that is worked, not one that only grows.
 */
export const FIXTURE_PREFIX = '20200101-';

export async function insertFixtureCases(db: Kysely<Database>, count: number, openShare: number): Promise<void> {
  const openEvery = Math.max(1, Math.round(1 / openShare));
  await sql`
    with n as (
      select i, (array(select code from townships order by code))[1 + i % (select count(*) from townships)::int] as township
      from generate_series(1, ${count}::int) as i
      where not exists (select 1 from cases where case_no = ${FIXTURE_PREFIX} || lpad(i::text, 6, '0'))
    ), h as (
      insert into households (township_code) select township from n returning id, township_code
    ), hn as (
      select h.id, n.i, n.township from (select id, township_code, row_number() over (order by id) as r from h) h
      join (select i, township, row_number() over (order by i) as r from n) n on n.r = h.r
    ), p as (
      insert into persons (household_id, relation, name_cipher, id_number_cipher, id_number_hash)
      select id, 'self', 'fixture', 'fixture', 'fixture-' || i from hn returning id, household_id
    ), c as (
      insert into cases (case_no, township_code, household_id, applicant_id, needs, stage, request_hash, opened_at)
      select ${FIXTURE_PREFIX} || lpad(hn.i::text, 6, '0'), hn.township, hn.id, p.id, array['dibao', 'education']::text[],
             case when hn.i % ${openEvery}::int = 0 then 'referral' else 'closed' end, 'fixture', now() - (hn.i || ' minutes')::interval
      from hn join p on p.household_id = hn.id returning case_no, stage, opened_at
    )
    insert into referrals (id, case_no, department_code, status, due_at, due_provisional, outcome, completed_at)
    select c.case_no || '-' || d, c.case_no, d, case when c.stage = 'referral' then 'open' else 'completed' end,
           c.opened_at + interval '7 days', false,
           case when c.stage = 'referral' then null else 'granted' end,
           case when c.stage = 'referral' then null else c.opened_at + interval '3 days' end
    from c cross join unnest(array['civil_affairs', 'education']) as d
  `.execute(db);
  await sql`analyze`.execute(db);
}

export async function countFixtureCases(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).where('case_no', 'like', `${FIXTURE_PREFIX}%`).executeTakeFirstOrThrow();
  return row.n;
}

/** How many of these cases' referral workflows have started (each records `referral_sent` first). */
export async function referralsSent(db: Kysely<Database>, caseNos: string[]): Promise<number> {
  if (caseNos.length === 0) return 0;
  const row = await db
    .selectFrom('case_events')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('case_no', 'in', caseNos)
    .where('type', '=', 'referral_sent')
    .executeTakeFirstOrThrow();
  return row.n;
}
