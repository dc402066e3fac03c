import { sql, type Kysely, type Transaction } from 'kysely';
import type { ClockView } from '../../domain/clocks';
import type { Database } from '../schema';

/** Writes a clock's snapshot unless a newer one (higher seq) is already stored. */
export async function saveClock(trx: Transaction<Database>, caseNo: string, seq: number, clock: ClockView, at: Date): Promise<void> {
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
    await trx
      .updateTable('referrals')
      .set({ due_at: clock.dueAt, due_provisional: clock.provisional })
      .where('case_no', '=', caseNo)
      .where('department_code', '=', department as never)
      .execute();
  }
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

/** Breached and at-risk (warning) clocks still running in a county, most overdue first. */
export async function overdueClocks(db: Kysely<Database>, county: string, limit: number) {
  return db
    .selectFrom('sla_clocks')
    .innerJoin('cases', 'cases.case_no', 'sla_clocks.case_no')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .where('townships.county_code', '=', county)
    .select(['sla_clocks.case_no', 'sla_clocks.clock', 'sla_clocks.sla_state', 'sla_clocks.due_at', 'sla_clocks.escalation_level', 'sla_clocks.paused', 'sla_clocks.provisional', 'cases.township_code', 'cases.stage'])
    .where('sla_clocks.met_at', 'is', null)
    .where('sla_clocks.sla_state', 'in', ['breached', 'warning'])
    .orderBy('sla_clocks.due_at')
    .orderBy('sla_clocks.case_no')
    .orderBy('sla_clocks.clock')
    .limit(limit)
    .execute();
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
