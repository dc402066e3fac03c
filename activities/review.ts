import type { Kysely, Transaction } from 'kysely';
import { enqueueApplicantMessage } from '../db/repositories/applicantMessages';
import { appendCaseEvent } from '../db/repositories/caseEvents';
import { caseJurisdiction } from '../db/repositories/cases';
import { notify } from '../db/repositories/notifications';
import { closePublicNotice, openPublicNotice } from '../db/repositories/publicNotices';
import type { Database } from '../db/schema';
import type { Decision, ReasonedAct } from '../domain/acts';
import { beijingDate } from '../domain/calendar';

interface Round {
  caseNo: string;
  round: number;
  at: string;
}

/** The review's steps on record (workflows/review.ts): passing a case up, and each public notice round. */
export function reviewActivities(db: Kysely<Database>) {
  /** One step and its case event as one unit; the event key makes a retry a no-op. */
  const step = (caseNo: string, key: string, act: ReasonedAct | Decision | { actor: string; requestId?: string }, at: string, detail: Record<string, unknown>, change: (trx: Transaction<Database>) => Promise<unknown>) =>
    db.transaction().execute(async (trx) => {
      await change(trx);
      await appendCaseEvent(trx, { caseNo, key, type: key.split(':')[0]!, actor: act.actor, requestId: act.requestId, detail, occurredAt: new Date(at) });
    });

  return {
    /** 提级审核: the county now decides; its reviewers hear of it. */
    async recordReviewEscalated(input: { caseNo: string; escalation: ReasonedAct; at: string }): Promise<void> {
      const { county_code } = await caseJurisdiction(db, input.caseNo);
      await step(input.caseNo, 'review_escalated', input.escalation, input.at, { to: 'county', reasonCipher: input.escalation.reasonCipher }, (trx) =>
        notify(trx, { caseNo: input.caseNo, key: 'review_escalated', kind: 'review_escalated', clock: 'approval', recipients: [`county:${county_code}`], at: new Date(input.at) }),
      );
    },

    /** A proposed approval goes on the township's notice board; the applicant is told until when. */
    async openPublicNotice(input: Round & { decision: Decision; late: boolean; endsAt: string }): Promise<void> {
      const { decision } = input;
      const detail = { round: input.round, endsAt: input.endsAt, by: decision.by, monthlyAmountYuan: decision.monthlyAmountYuan ?? null, late: input.late };
      await step(input.caseNo, `notice_opened:${input.round}`, decision, input.at, detail, async (trx) => {
        await openPublicNotice(trx, { caseNo: input.caseNo, round: input.round, proposedBy: decision.actor, monthlyAmountYuan: decision.monthlyAmountYuan ?? null, openedAt: new Date(input.at), endsAt: new Date(input.endsAt) });
        await enqueueApplicantMessage(trx, `notice:${input.round}`, { template: 'notice_period', caseNo: input.caseNo, noticeEnds: beijingDate(new Date(input.endsAt)) }, new Date(input.at));
      });
    },

    /** The notice ended: with no objection (the approval is final next) or with its case (withdrawn, terminated). */
    async closePublicNotice(input: Round & { outcome: 'passed' | 'cancelled' }): Promise<void> {
      await step(input.caseNo, `notice_closed:${input.round}`, { actor: 'system' }, input.at, { round: input.round, outcome: input.outcome }, (trx) =>
        closePublicNotice(trx, { caseNo: input.caseNo, round: input.round, status: input.outcome, at: new Date(input.at) }),
      );
    },

    /** An objection ends the notice round: the township investigates again and the case is reviewed again. */
    async recordObjection(input: Round & { objection: ReasonedAct }): Promise<void> {
      const { objection } = input;
      const { township_code } = await caseJurisdiction(db, input.caseNo);
      await step(input.caseNo, `notice_objected:${input.round}`, objection, input.at, { round: input.round, reasonCipher: objection.reasonCipher }, async (trx) => {
        await closePublicNotice(trx, { caseNo: input.caseNo, round: input.round, status: 'objected', at: new Date(input.at), objectionCipher: objection.reasonCipher, objectedBy: objection.actor });
        await notify(trx, { caseNo: input.caseNo, key: `notice_objected:${input.round}`, kind: 'notice_objected', clock: null, recipients: [`township:${township_code}`], at: new Date(input.at) });
      });
    },
  };
}
