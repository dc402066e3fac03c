import { sql, type Kysely, type Transaction } from 'kysely';
import type { SlaState } from '../../domain/clocks';
import type { NeedCode } from '../../domain/needs';
import type { DepartmentCode } from '../../domain/departments';
import type { ReferralOutcome, ReferralStatus } from '../../domain/stages';
import type { Database } from '../schema';
import { keysetPage, type PageRequest } from './keyset';

const REFERRAL_COLUMNS = [
  'referrals.id',
  'referrals.case_no',
  'referrals.department_code',
  'referrals.status',
  'referrals.due_at',
  'referrals.due_provisional',
  'referrals.outcome',
  'referrals.measures',
  'referrals.note_cipher',
  'referrals.completed_at',
  'referrals.accepted_at',
  'referrals.referred_to',
] as const;

export async function findReferral(db: Kysely<Database>, id: string) {
  return db.selectFrom('referrals').select(REFERRAL_COLUMNS).where('referrals.id', '=', id).executeTakeFirst();
}

export async function referralsOfCase(db: Kysely<Database>, caseNo: string) {
  return db.selectFrom('referrals').select(REFERRAL_COLUMNS).where('case_no', '=', caseNo).orderBy('id').execute();
}

/** Where a referral belongs: its case's township and county, and its department. */
export async function referralScope(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('referrals')
    .innerJoin('cases', 'cases.case_no', 'referrals.case_no')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .select(['referrals.id', 'referrals.case_no', 'referrals.department_code', 'cases.township_code', 'townships.county_code', 'cases.stage'])
    .where('referrals.id', '=', id)
    .executeTakeFirst();
}

export interface InboxFilter {
  department: DepartmentCode;
  county: string;
  status: ReferralStatus | 'all';
  sla?: SlaState;
  need?: NeedCode;
  township?: string;
}

/** Among the rows of table `t` (each carries its case's needs), those whose case has `need`. */
export const caseHasNeed = (t: 'cases' | 'referrals' | 'sla_clocks', need: NeedCode) => sql<boolean>`${sql.ref(`${t}.needs`)} @> array[${need}]::text[]`;

/** A page of a department's inbox within one county, soonest due first. */
export async function departmentInboxPage(db: Kysely<Database>, f: InboxFilter, page: PageRequest) {
  let query = db.selectFrom('referrals').where('referrals.county_code', '=', f.county).where('referrals.department_code', '=', f.department);
  // `open` is the department's to-do list: sent to it, signed for or not.
  if (f.status !== 'all') query = query.where('referrals.status', 'in', f.status === 'open' ? ['open', 'accepted'] : [f.status]);
  if (f.sla) query = query.where('referrals.sla_state', '=', f.sla);
  if (f.township) query = query.where('referrals.township_code', '=', f.township);
  if (f.need) query = query.where(caseHasNeed('referrals', f.need));
  return keysetPage(db, query, [{ expr: sql`referrals.due_at`, type: 'timestamptz' }, { expr: sql`referrals.id`, type: 'text' }], page, (q) =>
    q.innerJoin('cases', 'cases.case_no', 'referrals.case_no').select(REFERRAL_COLUMNS).select(['referrals.sla_state', 'referrals.township_code', 'cases.needs']),
  );
}

export async function markReferralCompleted(
  trx: Transaction<Database>,
  r: { caseNo: string; department: DepartmentCode; outcome: ReferralOutcome; measures: string[]; noteCipher: string | null; actor: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('referrals')
    .set({ status: 'completed', outcome: r.outcome, measures: JSON.stringify(r.measures), note_cipher: r.noteCipher, completed_by: r.actor, completed_at: r.at })
    .where('case_no', '=', r.caseNo)
    .where('department_code', '=', r.department)
    .where('status', 'in', ['open', 'accepted'])
    .execute();
}

/** A step of the referral loop on one referral: its new status and the columns that step sets. */
export async function setReferralStatus(
  trx: Transaction<Database>,
  r: { caseNo: string; department: DepartmentCode; from: readonly ReferralStatus[]; status: ReferralStatus; set?: Partial<{ accepted_by: string; accepted_at: Date; referred_to: DepartmentCode; completed_by: string; completed_at: Date }> },
): Promise<void> {
  await trx
    .updateTable('referrals')
    .set({ status: r.status, ...r.set })
    .where('case_no', '=', r.caseNo)
    .where('department_code', '=', r.department)
    .where('status', 'in', r.from)
    .execute();
}

/** The referral of a case to a department it was referred on to (转介); a retry finds it there already. */
export async function addReferral(trx: Transaction<Database>, r: { id: string; caseNo: string; department: DepartmentCode; dueAt: Date; provisional: boolean }): Promise<void> {
  await trx
    .insertInto('referrals')
    .values({ id: r.id, case_no: r.caseNo, department_code: r.department, status: 'open', due_at: r.dueAt, due_provisional: r.provisional })
    .onConflict((oc) => oc.columns(['case_no', 'department_code']).doNothing())
    .execute();
}
