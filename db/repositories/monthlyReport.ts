import { sql, type Kysely, type RawBuilder } from 'kysely';
import { APPROVAL_NEEDS } from '../../domain/clocks';
import type { Database } from '../schema';

/**
 * The figures of a county's monthly report (issue 9 item 4), counted from the audit log `case_events`, the benefit
 * payment ledger and the leads; definitions in docs/monthly-report.md. `period` is the month in Beijing time,
 * [from, to); `month` (YYYY-MM) names the same month in the payment ledger.
 */
export interface ReportPeriod {
  county: string;
  month: string;
  from: Date;
  to: Date;
}

/** The month's case events of the county's cases. */
const countyEvents = (db: Kysely<Database>, p: ReportPeriod) =>
  db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.case_no', 'e.case_no')
    .where('c.county_code', '=', p.county)
    .where('e.occurred_at', '>=', p.from)
    .where('e.occurred_at', '<', p.to);

const count = (condition: RawBuilder<unknown>) => sql<number>`(count(*) filter (where ${condition}))::int`;
const endedAs = (stage: string) => count(sql`e.type = 'stage_changed' and e.detail->>'stage' = ${stage}`);

/** Cases opened, and ended by each ending, per township (townships with none are absent). */
export async function caseFlowByTownship(db: Kysely<Database>, p: ReportPeriod) {
  return countyEvents(db, p)
    .where('e.type', 'in', ['case_opened', 'stage_changed'])
    .select([
      'c.township_code as township',
      count(sql`e.type = 'case_opened'`).as('opened'),
      endedAs('closed').as('closed'),
      endedAs('withdrawn').as('withdrawn'),
      endedAs('terminated').as('terminated'),
      endedAs('not_accepted').as('not_accepted'),
    ])
    .groupBy('c.township_code')
    .execute();
}

/**
 * The clock a clock event is about (`approval`, `referral:education`, …) and the department owning it, if any
 * (domain/clocks.ts `departmentOfClock`, in SQL).
 */
const clockOf = sql<string>`e.detail->>'clock'`;
const clockDepartment = sql<string>`substring(e.detail->>'clock' from '^(?:referral|accept):(.+)$')`;

/**
 * Per township or per department, and clock: clocks met (on time or late) in the month, the median time from a
 * clock's start to its being met in hours, and the breaches and escalations of the month.
 */
export async function clockFigures(db: Kysely<Database>, p: ReportPeriod, by: 'township' | 'department') {
  const unit = by === 'township' ? sql<string>`c.township_code` : clockDepartment;
  return countyEvents(db, p)
    .where('e.type', 'in', ['clock_met', 'clock_breached', 'clock_escalated'])
    .where(unit, 'is not', null)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('case_events as s')
          .select((s) => s.fn.min('s.occurred_at').as('at'))
          .whereRef('s.case_no', '=', 'e.case_no')
          .where('s.type', '=', 'clock_started')
          .where(sql`s.detail->>'clock'`, '=', clockOf)
          .as('started'),
      (join) => join.on('e.type', '=', 'clock_met'),
    )
    .select([
      unit.as('unit'),
      clockOf.as('clock'),
      count(sql`e.type = 'clock_met'`).as('met'),
      count(sql`e.type = 'clock_met' and not (e.detail->>'late')::boolean`).as('on_time'),
      sql<string | null>`round((percentile_cont(0.5) within group (order by extract(epoch from e.occurred_at - started.at) / 3600) filter (where e.type = 'clock_met'))::numeric, 2)`.as('median_hours'),
      count(sql`e.type = 'clock_breached'`).as('breaches'),
      count(sql`e.type = 'clock_escalated'`).as('escalations'),
    ])
    .groupBy([unit, clockOf])
    .orderBy(unit)
    .orderBy(clockOf)
    .execute();
}

/** Referrals sent to each department (the first and those referred on to it) and completed by it in the month. */
export async function referralFlowByDepartment(db: Kysely<Database>, p: ReportPeriod) {
  const department = sql<string>`e.detail->>'department'`;
  return countyEvents(db, p)
    .where('e.type', 'in', ['referral_sent', 'referral_completed'])
    .select([department.as('department'), count(sql`e.type = 'referral_sent'`).as('received'), count(sql`e.type = 'referral_completed'`).as('completed')])
    .groupBy(department)
    .execute();
}

/**
 * A benefit's programme: the first of the approval needs (低保, 特困, 支出型临时救助) among its case's needs — the
 * need whose approval made the monthly payment.
 */
const programmeOfCase = sql<string>`(select n from unnest(${sql.val([...APPROVAL_NEEDS])}::text[]) with ordinality as a(n, i) where n = any(c.needs) order by i limit 1)`;

/** Per township and programme: households paid and the yuan paid for the month, from the payment ledger. */
export async function paymentsByTownship(db: Kysely<Database>, p: ReportPeriod) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('benefit_payments as bp')
        .innerJoin('benefits as b', 'b.case_no', 'bp.case_no')
        .innerJoin('cases as c', 'c.case_no', 'bp.case_no')
        .where('c.county_code', '=', p.county)
        .where('bp.month', '=', p.month)
        .select(['c.township_code as township', programmeOfCase.as('programme'), 'b.household_id', 'bp.amount_yuan'])
        .as('paid'),
    )
    .select(['township', 'programme', sql<number>`count(distinct household_id)::int`.as('households'), sql<string>`sum(amount_yuan)`.as('amount_yuan')])
    .groupBy(['township', 'programme'])
    .orderBy('township')
    .orderBy('programme')
    .execute();
}

/** Per township: leads reported in the month, and leads converted into a case in the month. */
export async function leadFlowByTownship(db: Kysely<Database>, p: ReportPeriod) {
  const within = (column: 'l.reported_at' | 'l.handled_at') => sql`${sql.ref(column)} >= ${p.from} and ${sql.ref(column)} < ${p.to}`;
  return db
    .selectFrom('leads as l')
    .innerJoin('townships as t', 't.code', 'l.township_code')
    .where('t.county_code', '=', p.county)
    .where(sql<boolean>`(${within('l.reported_at')}) or (${within('l.handled_at')})`)
    .select(['l.township_code as township', count(within('l.reported_at')).as('received'), count(sql`l.status = 'converted' and ${within('l.handled_at')}`).as('converted')])
    .groupBy('l.township_code')
    .execute();
}
