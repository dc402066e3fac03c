import { sql, type Kysely, type Transaction } from 'kysely';
import type { ClockView } from '../../domain/clocks';
import type { NeedCode } from '../../domain/needs';
import type { Database } from '../schema';
import { keysetPage, type PageRequest } from './keyset';
import { caseHasNeed } from './referrals';

/**
 * Writes a clock's snapshot unless a newer one (higher seq) is already stored, and what the work lists sort and
 * filter on: the referral's clock state and due time, the case's worst open clock and earliest open deadline.
 */
export async function saveClock(trx: Transaction<Database>, caseNo: string, seq: number, clock: ClockView, at: Date): Promise<void> {
  // The case's clocks are written one transaction at a time, so that its summary sees every one of them.
  await trx.selectFrom('cases').select('case_no').where('case_no', '=', caseNo).forNoKeyUpdate().execute();
  const row = {
    case_no: caseNo,
    clock: clock.id,
    seq,
    started_at: clock.startedAt,
    due_at: clock.dueAt,
    warn_at: clock.warnAt,
    provisional: clock.provisional,
    sla_state: clock.sla,
    paused: clock.paused,
    escalation_level: clock.escalationLevel,
    budget_unit: clock.budget.unit,
    budget_amount: clock.budget.amount,
    met_at: clock.metAt ?? null,
    late: clock.late,
    updated_at: at,
  };
  await trx
    .insertInto('sla_clocks')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['case_no', 'clock'])
        .doUpdateSet(({ ref }) => Object.fromEntries(Object.keys(row).filter((k) => k !== 'case_no' && k !== 'clock').map((k) => [k, ref(`excluded.${k}` as 'excluded.seq')])))
        .where('sla_clocks.seq', '<', ({ ref }) => ref('excluded.seq')),
    )
    .execute();
  const department = clock.id.startsWith('referral:') ? clock.id.slice('referral:'.length) : undefined;
  if (department) {
    await sql`
      update referrals set due_at = c.due_at, due_provisional = c.provisional, sla_state = c.sla_state
      from sla_clocks c where c.case_no = ${caseNo} and c.clock = ${clock.id}
      and referrals.case_no = c.case_no and referrals.department_code = ${department}`.execute(trx);
  }
  await sql`
    update cases set sla_state = s.sla_state, due_at = s.due_at from (
      select case when bool_or(sla_state = 'breached') then 'breached' when bool_or(sla_state = 'warning') then 'warning'
                  when count(*) > 0 then 'on_track' else 'met' end as sla_state,
             min(due_at) as due_at
      from sla_clocks where case_no = ${caseNo} and met_at is null) s
    where cases.case_no = ${caseNo}`.execute(trx);
}

export async function addNotification(
  trx: Transaction<Database>,
  n: { caseNo: string; key: string; clock: string; kind: 'warning' | 'breach' | 'escalation'; level: number; recipient: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({ case_no: n.caseNo, event_key: n.key, clock: n.clock, kind: n.kind, level: n.level, recipient: n.recipient, created_at: n.at })
    .onConflict((oc) => oc.columns(['case_no', 'event_key']).doNothing())
    .execute();
}

export async function clocksOfCase(db: Kysely<Database>, caseNo: string) {
  return db.selectFrom('sla_clocks').selectAll().where('case_no', '=', caseNo).orderBy('started_at').orderBy('clock').execute();
}

export interface OverdueFilter {
  county: string;
  sla?: 'warning' | 'breached';
  township?: string;
  need?: NeedCode;
}

/** A page of the breached and at-risk (warning) clocks still running in a county, most overdue first. */
export async function overdueClocksPage(db: Kysely<Database>, f: OverdueFilter, page: PageRequest) {
  let query = db
    .selectFrom('sla_clocks')
    .where('sla_clocks.county_code', '=', f.county)
    .where('sla_clocks.met_at', 'is', null)
    .where('sla_clocks.sla_state', 'in', f.sla ? [f.sla] : ['breached', 'warning']);
  if (f.township) query = query.where('sla_clocks.township_code', '=', f.township);
  if (f.need) query = query.where(caseHasNeed('sla_clocks', f.need));
  const keys = [
    { expr: sql`sla_clocks.due_at`, type: 'timestamptz' },
    { expr: sql`sla_clocks.case_no`, type: 'text' },
    { expr: sql`sla_clocks.clock`, type: 'text' },
  ] as const;
  return keysetPage(db, query, keys, page, (q) =>
    q
      .innerJoin('cases', 'cases.case_no', 'sla_clocks.case_no')
      .select(['sla_clocks.case_no', 'sla_clocks.clock', 'sla_clocks.sla_state', 'sla_clocks.due_at', 'sla_clocks.escalation_level', 'sla_clocks.paused', 'sla_clocks.provisional', 'sla_clocks.township_code', 'cases.stage']),
  );
}

/** Running working-day clocks whose count spans `year` (from the year they started to the year they end). */
export async function workingDayClocksSpanning(db: Kysely<Database>, year: number) {
  return db
    .selectFrom('sla_clocks')
    .select(['case_no', 'clock'])
    .where('met_at', 'is', null)
    .where('budget_unit', '=', 'working_days')
    .where(sql<number>`extract(year from started_at at time zone 'Asia/Shanghai')`, '<=', year)
    .where(sql<number>`extract(year from due_at at time zone 'Asia/Shanghai')`, '>=', year)
    .execute();
}
