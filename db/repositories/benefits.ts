import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { enqueueApplicantMessage } from './applicantMessages';
import { appendCaseEvent } from './caseEvents';

export interface NewBenefit {
  caseNo: string;
  monthlyAmountYuan: number;
  startMonth: string;
  endMonth: string | null;
  bankAccountCipher: string;
  approvedBy: string;
  proposedAmountYuan?: number | null;
  amountReasonCipher?: string | null;
}

/** Stores the benefit of an approved case, unless it has one; returns the stored one and whether it is new. */
export async function saveBenefit(db: Kysely<Database>, b: NewBenefit) {
  const created = await db
    .insertInto('benefits')
    .columns(['case_no', 'township_code', 'household_id', 'monthly_amount_yuan', 'start_month', 'end_month', 'bank_account_cipher', 'approved_by', 'proposed_amount_yuan', 'amount_reason_cipher'])
    .expression((eb) =>
      eb
        .selectFrom('cases')
        .select((s) => [
          'case_no',
          'township_code',
          'household_id',
          s.val(b.monthlyAmountYuan).as('monthly_amount_yuan'),
          s.val(b.startMonth).as('start_month'),
          s.val(b.endMonth).as('end_month'),
          s.val(b.bankAccountCipher).as('bank_account_cipher'),
          s.val(b.approvedBy).as('approved_by'),
          s.val(b.proposedAmountYuan ?? null).as('proposed_amount_yuan'),
          s.val(b.amountReasonCipher ?? null).as('amount_reason_cipher'),
        ])
        .where('case_no', '=', b.caseNo),
    )
    .onConflict((oc) => oc.column('case_no').doNothing())
    .returning('case_no')
    .executeTakeFirst();
  return { benefit: await findBenefit(db, b.caseNo), created: created !== undefined };
}

export async function findBenefit(db: Kysely<Database>, caseNo: string) {
  return db.selectFrom('benefits').selectAll().where('case_no', '=', caseNo).executeTakeFirst();
}

/**
 * The month's payment, written once: the unique (case, month) makes a retried activity, a restarted worker or
 * an overlapping run find the row instead of writing a second one. `firstTime` says whether this call wrote it.
 * The amount is the latest change's from that month on, else the benefit's; a month from a stop on is never paid
 * (`stopped`), one paid before the stop stays paid.
 */
export async function payBenefitMonth(db: Kysely<Database>, p: { caseNo: string; month: string; runId: string; at: Date }) {
  return db.transaction().execute(async (trx) => {
    const paid = () => trx.selectFrom('benefit_payments').select(['month', 'amount_yuan', 'paid_at']).where('case_no', '=', p.caseNo).where('month', '=', p.month).executeTakeFirst();
    const before = await paid();
    if (before) return { ...before, firstTime: false, stopped: false };
    const stop = await trx.selectFrom('benefit_changes').select('from_month').where('case_no', '=', p.caseNo).where('kind', '=', 'stop').where('from_month', '<=', p.month).executeTakeFirst();
    if (stop) return { month: p.month, amount_yuan: '0', paid_at: null, firstTime: false, stopped: true };
    const changed = sql<string>`(select c.monthly_amount_yuan from benefit_changes c where c.case_no = benefits.case_no and c.kind = 'change' and c.from_month <= ${p.month} order by c.from_month desc, c.id desc limit 1)`;
    const written = await trx
      .insertInto('benefit_payments')
      .columns(['case_no', 'month', 'amount_yuan', 'bank_account_cipher', 'run_id', 'paid_at'])
      .expression((eb) =>
        eb
          .selectFrom('benefits')
          .select((s) => ['case_no', s.val(p.month).as('month'), s.fn.coalesce(changed, 'monthly_amount_yuan').as('amount_yuan'), 'bank_account_cipher', s.val(p.runId).as('run_id'), s.val(p.at).as('paid_at')])
          .where('case_no', '=', p.caseNo),
      )
      .onConflict((oc) => oc.columns(['case_no', 'month']).doNothing())
      .returning(['amount_yuan'])
      .executeTakeFirst();
    if (written) {
      const amountYuan = Number(written.amount_yuan);
      await appendCaseEvent(trx, { caseNo: p.caseNo, key: `benefit_paid:${p.month}`, type: 'benefit_paid', actor: 'system', detail: { month: p.month, amountYuan }, occurredAt: p.at });
      await enqueueApplicantMessage(trx, 'first_payment', { template: 'first_payment', caseNo: p.caseNo, month: p.month, amountYuan }, p.at);
    }
    return { ...(await paid())!, firstTime: written !== undefined, stopped: false };
  });
}

export async function benefitPayments(db: Kysely<Database>, caseNo: string) {
  return db.selectFrom('benefit_payments').select(['month', 'amount_yuan', 'paid_at', 'run_id']).where('case_no', '=', caseNo).orderBy('month').execute();
}
