import type { Kysely } from 'kysely';
import { appendCaseEvent } from '../db/repositories/caseEvents';
import { caseJurisdiction } from '../db/repositories/cases';
import { notify } from '../db/repositories/notifications';
import type { Database } from '../db/schema';
import type { CountyAidDecision, CountyAidRequest } from '../domain/acts';

/** First aid above the township's limit (一事一议): the request to the county and the county's answer, on record and told. */
export function countyAidActivities(db: Kysely<Database>) {
  return {
    async recordCountyAidRequested(input: { caseNo: string; request: CountyAidRequest; at: string }): Promise<void> {
      const { amountYuan, form, reasonCipher, actor, requestId } = input.request;
      const { county_code } = await caseJurisdiction(db, input.caseNo);
      const at = new Date(input.at);
      await db.transaction().execute(async (trx) => {
        await appendCaseEvent(trx, { caseNo: input.caseNo, key: 'county_aid_requested', type: 'county_aid_requested', actor, requestId, detail: { amountYuan, form, reasonCipher }, occurredAt: at });
        await notify(trx, { caseNo: input.caseNo, key: 'county_aid_requested', kind: 'county_aid_requested', clock: 'emergency_aid', recipients: [`county:${county_code}`], at });
      });
    },

    /** A refused request may be followed by another (a smaller one goes to the township's reserve fund): keyed by its time. */
    async recordCountyAidDecided(input: { caseNo: string; request: CountyAidRequest; decision: CountyAidDecision; at: string }): Promise<void> {
      const { decision, reasonCipher, actor, requestId } = input.decision;
      const { township_code } = await caseJurisdiction(db, input.caseNo);
      const at = new Date(input.at);
      const key = `county_aid_decided:${input.at}`;
      await db.transaction().execute(async (trx) => {
        await appendCaseEvent(trx, { caseNo: input.caseNo, key, type: 'county_aid_decided', actor, requestId, detail: { decision, amountYuan: input.request.amountYuan, reasonCipher }, occurredAt: at });
        await notify(trx, { caseNo: input.caseNo, key, kind: 'county_aid_decided', clock: 'emergency_aid', recipients: [`township:${township_code}`], at });
      });
    },
  };
}
