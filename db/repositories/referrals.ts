import type { Kysely, Transaction } from 'kysely';
import type { DepartmentCode } from '../../domain/departments';
import type { ReferralOutcome, ReferralStatus } from '../../domain/stages';
import type { Database } from '../schema';

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

/** A department's inbox within one county, soonest due first. */
export async function departmentInbox(db: Kysely<Database>, department: DepartmentCode, county: string, status: ReferralStatus | 'all') {
  let query = db
    .selectFrom('referrals')
    .innerJoin('cases', 'cases.case_no', 'referrals.case_no')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .select(REFERRAL_COLUMNS)
    .select(['cases.township_code', 'cases.needs'])
    .where('referrals.department_code', '=', department)
    .where('townships.county_code', '=', county);
  // `open` is the department's to-do list: sent to it, signed for or not.
  if (status !== 'all') query = query.where('referrals.status', 'in', status === 'open' ? ['open', 'accepted'] : [status]);
  return query.orderBy('referrals.due_at').orderBy('referrals.id').execute();
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
