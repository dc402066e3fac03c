import type { Kysely } from 'kysely';
import { assistanceSettings } from '../db/repositories/assistanceSettings';
import { payBenefitMonth } from '../db/repositories/benefits';
import { appendCaseEvent } from '../db/repositories/caseEvents';
import { caseJurisdiction } from '../db/repositories/cases';
import { payFromReserveFund } from '../db/repositories/reserveFund';
import type { Database } from '../db/schema';
import type { EmergencyAid } from '../domain/acts';

export type ReserveOutcome = { status: 'paid' | 'insufficient_funds' | 'nothing_to_pay'; balanceAfterYuan: number };

/** Money out: first aid from the township's reserve fund, and each month of an approved benefit. */
export function paymentActivities(db: Kysely<Database>) {
  return {
    /** Pays first aid from the case's township reserve fund, once per case; a short fund refuses and says so in the timeline. */
    async payEmergencyAidFromReserve(input: { caseNo: string; aid: EmergencyAid; at: string }): Promise<ReserveOutcome> {
      const { township_code, county_code } = await caseJurisdiction(db, input.caseNo);
      const { reserveYuanPerResident } = await assistanceSettings(db, county_code);
      const at = new Date(input.at);
      const paid = await payFromReserveFund(
        db,
        { township: township_code, amountYuan: input.aid.amountYuan, reference: `aid:${input.caseNo}`, caseNo: input.caseNo, actor: input.aid.actor, requestId: input.aid.requestId, at },
        reserveYuanPerResident,
      );
      const balanceAfterYuan = Number(paid.status === 'paid' ? paid.entry.balanceAfterYuan : paid.balanceYuan);
      const type = paid.status === 'paid' ? 'reserve_fund_paid' : paid.status === 'insufficient_funds' ? 'reserve_fund_insufficient' : 'reserve_fund_nothing_to_pay';
      await appendCaseEvent(db, {
        caseNo: input.caseNo,
        key: type,
        type,
        actor: input.aid.actor,
        requestId: input.aid.requestId,
        detail: { amountYuan: input.aid.amountYuan, township: township_code, balanceAfterYuan },
        occurredAt: at,
      });
      return { status: paid.status, balanceAfterYuan };
    },

    /** Month `month` of the case's benefit, written once whoever calls, nothing from a stop on (see payBenefitMonth). */
    async payBenefitMonth(input: { caseNo: string; month: string; runId: string; at: string }) {
      const payment = await payBenefitMonth(db, { caseNo: input.caseNo, month: input.month, runId: input.runId, at: new Date(input.at) });
      return { month: payment.month, amountYuan: Number(payment.amount_yuan), firstTime: payment.firstTime, ...(payment.stopped ? { stopped: true } : {}) };
    },
  };
}
