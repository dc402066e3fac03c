import { sql, type Kysely } from 'kysely';
import { APPROVAL_NEEDS } from '../../domain/clocks';
import { checkCharacter } from '../../domain/idNumber';
import type { NeedCode } from '../../domain/needs';
import { routeNeeds } from '../../domain/routing';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';

/**
 * A large case load written straight into PostgreSQL (no workflows), for the work-list tests and benchmarks:
 * a county of its own with eight townships, and `cases` cases with applicants, referrals and clock projections
 * spread over the last 60 days — some closed, some awaiting the decision, most with referrals open, many overdue.
 * Names and ID numbers are encrypted like real ones (a pool of 50, reused).
 */
export interface CaseLoad {
  county: string;
  townships: string[];
  /** Case numbers are `<prefix>-000001` …: a prefix of its own keeps them apart from real ones. */
  prefix: string;
}

const NEED_MIXES: NeedCode[][] = [
  ['dibao', 'education'],
  ['dibao', 'medical'],
  ['tekun'],
  ['education'],
  ['medical', 'housing'],
  ['temporary_expense', 'medical'],
  ['dibao', 'education', 'medical'],
  ['employment'],
  ['housing'],
  ['dibao_edge', 'education'],
];
const DAY = "interval '1 day'";
/** Independent pseudo-random draws per case number i (PostgreSQL's integer hash), so that filters combine. */
const draw = (i: string, salt: number, modulo: number) => sql.raw(`((hashint4(${i} + ${salt}) & 2147483647) % ${modulo})`);
const mixOf = (i: string) => draw(i, 1_000_003, NEED_MIXES.length);
const stageOf = (i: string) => draw(i, 2_000_003, 10);
const ageOf = (i: string) => draw(i, 3_000_003, 60);

function people(pii: PersonalDataCipher) {
  return Array.from({ length: 50 }, (_, n) => {
    const first17 = `${370725}19${String(50 + (n % 40)).padStart(2, '0')}0${(n % 9) + 1}1${n % 10}${String(n).padStart(3, '0')}`;
    const idNumber = first17 + checkCharacter(first17);
    return { name: pii.encrypt(`测试申请人${n}`), idNumber: pii.encrypt(idNumber), hash: pii.idNumberHash(idNumber) };
  });
}

export async function generateCaseLoad(db: Kysely<Database>, pii: PersonalDataCipher, { county, cases, prefix, now = new Date() }: { county: string; cases: number; prefix: string; now?: Date }): Promise<CaseLoad> {
  const townships = Array.from({ length: 8 }, (_, i) => `${county}${String(i + 1).padStart(3, '0')}`);
  const pool = people(pii);
  const mixes = NEED_MIXES.map((needs) => ({ needs, departments: routeNeeds(needs), approval: needs.some((n) => APPROVAL_NEEDS.includes(n)) }));
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('counties').values({ code: county, name_zh: `测试县${county}`, name_en: `Fixture county ${county}` }).onConflict((oc) => oc.doNothing()).execute();
    await trx
      .insertInto('townships')
      .values(townships.map((code, i) => ({ code, county_code: county, name_zh: `测试镇${i + 1}`, name_en: `Fixture township ${i + 1}`, population: 50000 })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    // Ids are reserved in one block: nobody else inserts households or persons meanwhile.
    await sql`lock table households, persons in exclusive mode`.execute(trx);
    const { rows } = await sql<{ h: number; p: number }>`
      select setval('households_id_seq', greatest((select coalesce(max(id), 0) from households), nextval('households_id_seq')) + ${cases}) - ${cases} as h,
             setval('persons_id_seq', greatest((select coalesce(max(id), 0) from persons), nextval('persons_id_seq')) + ${cases}) - ${cases} as p`.execute(trx);
    const { h, p } = rows[0];
    const params = sql`(select ${sql.val(cases)}::int as n, ${sql.val(now)}::timestamptz as now, ${sql.val(townships)}::text[] as townships,
      ${sql.val(JSON.stringify(pool))}::jsonb as pool, ${sql.val(JSON.stringify(mixes))}::jsonb as mixes)`;
    await sql`
      insert into households (id, township_code, created_at)
      select ${h}::int + i, townships[1 + i % 8], now from ${params} x, generate_series(1, x.n) i`.execute(trx);
    await sql`
      insert into persons (id, household_id, name_cipher, id_number_cipher, id_number_hash, relation)
      select ${p}::int + i, ${h}::int + i, pool -> (i % 50) ->> 'name', pool -> (i % 50) ->> 'idNumber', pool -> (i % 50) ->> 'hash', 'self'
      from ${params} x, generate_series(1, x.n) i`.execute(trx);
    // Stage by a draw of 0–9: 0–2 closed, 3–4 awaiting the decision (referrals done), 5–9 with referrals open.
    await sql`
      insert into cases (case_no, township_code, household_id, applicant_id, needs, stage, request_hash, opened_at, closed_at)
      select ${prefix} || '-' || lpad(i::text, 6, '0'), townships[1 + i % 8], ${h}::int + i, ${p}::int + i,
             array(select jsonb_array_elements_text(mixes -> ${mixOf('i')} -> 'needs')),
             case when ${stageOf('i')} < 3 then 'closed' when ${stageOf('i')} < 5 and (mixes -> ${mixOf('i')} ->> 'approval')::boolean then 'approval' else 'referral' end,
             'fixture', now - ${ageOf('i')} * ${sql.raw(DAY)} - (i % 1440) * interval '1 minute',
             case when ${stageOf('i')} < 3 then now - ${ageOf('i')} * ${sql.raw(DAY)} + ${sql.raw(DAY)} end
      from ${params} x, generate_series(1, x.n) i`.execute(trx);
    await sql`
      insert into referrals (id, case_no, department_code, status, due_at, due_provisional, completed_at)
      select c.case_no || '-' || d, c.case_no, d, case when c.stage = 'referral' then 'open' else 'completed' end,
             c.opened_at + 7 * ${sql.raw(DAY)}, false, case when c.stage <> 'referral' then c.opened_at + ${sql.raw(DAY)} end
      from cases c, ${params} x, jsonb_array_elements_text(x.mixes -> ${mixOf('substr(c.case_no, length(c.case_no) - 5)::int')} -> 'departments') d
      where c.case_no like ${prefix} || '-%'`.execute(trx);
    const state = (due: string, met: string) => sql.raw(`case when ${met} is not null then 'met' when ${due} <= now then 'breached' when ${due} - interval '1 day' <= now then 'warning' else 'on_track' end`);
    await sql`
      insert into sla_clocks (case_no, clock, seq, started_at, due_at, warn_at, provisional, sla_state, paused, escalation_level, budget_unit, budget_amount, met_at, late, updated_at)
      select r.case_no, 'referral:' || r.department_code, 1, c.opened_at, r.due_at, r.due_at - ${sql.raw(DAY)}, false, ${state('r.due_at', 'r.completed_at')},
             false, 0, 'working_days', 5, r.completed_at, false, now
      from referrals r join cases c on c.case_no = r.case_no, ${params} x where r.case_no like ${prefix} || '-%'`.execute(trx);
    await sql`
      insert into sla_clocks (case_no, clock, seq, started_at, due_at, warn_at, provisional, sla_state, paused, escalation_level, budget_unit, budget_amount, met_at, late, updated_at)
      select c.case_no, 'approval', 1, c.opened_at, c.opened_at + 14 * ${sql.raw(DAY)}, c.opened_at + 12 * ${sql.raw(DAY)}, false, ${state("c.opened_at + 14 * interval '1 day'", 'c.closed_at')},
             false, 0, 'working_days', 10, c.closed_at, false, now
      from cases c, ${params} x
      where c.case_no like ${prefix} || '-%' and (x.mixes -> ${mixOf('substr(c.case_no, length(c.case_no) - 5)::int')} ->> 'approval')::boolean`.execute(trx);
    await sql`update referrals r set sla_state = s.sla_state from sla_clocks s where s.case_no = r.case_no and s.clock = 'referral:' || r.department_code and r.case_no like ${prefix} || '-%'`.execute(trx);
    await sql`
      update cases set sla_state = s.sla_state, due_at = s.due_at from (
        select case_no,
          case when bool_or(met_at is null and sla_state = 'breached') then 'breached' when bool_or(met_at is null and sla_state = 'warning') then 'warning'
               when bool_or(met_at is null) then 'on_track' else 'met' end as sla_state,
          min(due_at) filter (where met_at is null) as due_at
        from sla_clocks where case_no like ${prefix} || '-%' group by case_no) s
      where cases.case_no = s.case_no`.execute(trx);
  });
  // Fresh statistics and visibility maps, as autovacuum would leave them: the planner then sees the real load.
  await sql`vacuum analyze households, persons, cases, referrals, sla_clocks`.execute(db);
  return { county, townships, prefix };
}
