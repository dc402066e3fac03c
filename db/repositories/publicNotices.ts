import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

export interface NewPublicNotice {
  caseNo: string;
  round: number;
  proposedBy: string;
  monthlyAmountYuan: number | null;
  openedAt: Date;
  endsAt: Date;
}

/** Opens a notice round; a retried opening changes nothing. */
export async function openPublicNotice(trx: Transaction<Database>, n: NewPublicNotice): Promise<void> {
  await trx
    .insertInto('public_notices')
    .values((eb) => ({
      case_no: n.caseNo,
      round: n.round,
      township_code: eb.selectFrom('cases').select('township_code').where('case_no', '=', n.caseNo),
      proposed_by: n.proposedBy,
      monthly_amount_yuan: n.monthlyAmountYuan === null ? null : n.monthlyAmountYuan.toFixed(2),
      opened_at: n.openedAt,
      ends_at: n.endsAt,
    }))
    .onConflict((oc) => oc.columns(['case_no', 'round']).doNothing())
    .execute();
}

/** Ends an open round: passed, cancelled with its case, or objected (with the objection, encrypted). */
export async function closePublicNotice(
  trx: Transaction<Database>,
  c: { caseNo: string; round: number; status: 'passed' | 'cancelled' | 'objected'; at: Date; objectionCipher?: string; objectedBy?: string },
): Promise<void> {
  await trx
    .updateTable('public_notices')
    .set({ status: c.status, closed_at: c.at, objection_cipher: c.objectionCipher ?? null, objected_by: c.objectedBy ?? null })
    .where('case_no', '=', c.caseNo)
    .where('round', '=', c.round)
    .where('status', '=', 'open')
    .execute();
}

/** How many of the case's notices met an objection: the review round a new home investigation belongs to. */
export async function objectionsOfCase(db: Kysely<Database>, caseNo: string): Promise<number> {
  const { n } = await db.selectFrom('public_notices').select((eb) => eb.fn.countAll<string>().as('n')).where('case_no', '=', caseNo).where('status', '=', 'objected').executeTakeFirstOrThrow();
  return Number(n);
}

export async function noticesOfCase(db: Kysely<Database>, caseNo: string) {
  return db
    .selectFrom('public_notices')
    .select(['round', 'status', 'monthly_amount_yuan', 'opened_at', 'ends_at', 'closed_at', 'proposed_by', 'objected_by', 'objection_cipher'])
    .where('case_no', '=', caseNo)
    .orderBy('round')
    .execute();
}

/** A township's notice board: the notices running now, with what the board shows of each applicant (name only, to be masked). */
export async function noticeBoard(db: Kysely<Database>, township: string) {
  const { name_zh } = await db.selectFrom('townships').select('name_zh').where('code', '=', township).executeTakeFirstOrThrow();
  const entries = await db
    .selectFrom('public_notices')
    .innerJoin('cases', 'cases.case_no', 'public_notices.case_no')
    .innerJoin('persons', 'persons.id', 'cases.applicant_id')
    .select(['public_notices.case_no', 'cases.needs', 'persons.name_cipher', 'cases.village_cipher', 'public_notices.monthly_amount_yuan', 'public_notices.opened_at', 'public_notices.ends_at'])
    .where('public_notices.township_code', '=', township)
    .where('public_notices.status', '=', 'open')
    .orderBy('public_notices.ends_at')
    .orderBy('public_notices.case_no')
    .execute();
  return { townshipName: name_zh, entries };
}
