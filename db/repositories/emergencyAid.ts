import type { Transaction } from 'kysely';
import type { Database } from '../schema';

export async function saveEmergencyAid(
  trx: Transaction<Database>,
  aid: { caseNo: string; amountYuan: number; form: 'cash' | 'goods' | 'service'; actor: string; late: boolean; at: Date },
): Promise<void> {
  await trx
    .insertInto('emergency_aid')
    .values({ case_no: aid.caseNo, amount_yuan: aid.amountYuan, form: aid.form, given_by: aid.actor, given_at: aid.at, late: aid.late })
    .onConflict((oc) => oc.column('case_no').doNothing())
    .execute();
}

export async function saveEmergencyPaperwork(trx: Transaction<Database>, caseNo: string, at: Date): Promise<void> {
  await trx.updateTable('emergency_aid').set({ paperwork_completed_at: at }).where('case_no', '=', caseNo).where('paperwork_completed_at', 'is', null).execute();
}
