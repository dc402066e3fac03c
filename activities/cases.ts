import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { DepartmentCode } from '../domain/departments';
import type { CaseStage } from '../domain/stages';
import { enqueueApplicantMessage } from '../db/repositories/applicantMessages';
import { appendCaseEvent } from '../db/repositories/caseEvents';
import { caseJurisdiction, saveDecision, setCaseStage } from '../db/repositories/cases';
import { notify } from '../db/repositories/notifications';
import { saveEmergencyAid, saveEmergencyPaperwork } from '../db/repositories/emergencyAid';
import { markReferralCompleted } from '../db/repositories/referrals';
import type { Act, Decision, EmergencyAid, ReferralCompletion } from '../domain/acts';

/** The case's facts as the workflow establishes them: stage, referrals, decision, emergency aid. */
export function caseActivities(db: Kysely<Database>) {
  /** Writes `change` and its case event as one unit; the event key makes a retry a no-op. */
  const withEvent = (caseNo: string, key: string, type: string, act: Act, at: string, detail: Record<string, unknown>, change: (trx: Transaction<Database>) => Promise<unknown>) =>
    db.transaction().execute(async (trx) => {
      await change(trx);
      await appendCaseEvent(trx, { caseNo, key, type, actor: act.actor, requestId: act.requestId, detail, occurredAt: new Date(at) });
    });
  const SYSTEM: Act = { actor: 'system' };

  return {
    async recordStage(input: { caseNo: string; stage: CaseStage; at: string }): Promise<void> {
      await withEvent(input.caseNo, `stage:${input.stage}`, 'stage_changed', SYSTEM, input.at, { stage: input.stage }, (trx) =>
        setCaseStage(trx, input.caseNo, input.stage, new Date(input.at)),
      );
    },

    async recordReferralSent(input: { caseNo: string; department: DepartmentCode; at: string }): Promise<void> {
      await appendCaseEvent(db, {
        caseNo: input.caseNo,
        key: `referral_sent:${input.department}`,
        type: 'referral_sent',
        actor: 'system',
        detail: { department: input.department },
        occurredAt: new Date(input.at),
      });
    },

    /** A referral's workflow failed (terminated by hand, a bug): on record, so that people see it in the timeline. */
    async recordReferralFailed(input: { caseNo: string; department: DepartmentCode; failure: string; at: string }): Promise<void> {
      await appendCaseEvent(db, {
        caseNo: input.caseNo,
        key: `referral_failed:${input.department}:${input.at}`,
        type: 'referral_failed',
        actor: 'system',
        detail: { department: input.department, failure: input.failure },
        occurredAt: new Date(input.at),
      });
    },

    async recordReferralCompleted(input: { caseNo: string; department: DepartmentCode; completion: ReferralCompletion; at: string }): Promise<void> {
      const { outcome, measures, noteCipher, actor } = input.completion;
      const key = `referral_completed:${input.department}`;
      const { township_code } = await caseJurisdiction(db, input.caseNo);
      await withEvent(input.caseNo, key, 'referral_completed', input.completion, input.at, { department: input.department, outcome, measures }, async (trx) => {
        await markReferralCompleted(trx, { caseNo: input.caseNo, department: input.department, outcome, measures, noteCipher: noteCipher ?? null, actor, at: new Date(input.at) });
        // The township window hears of every result (issue 7).
        await notify(trx, { caseNo: input.caseNo, key, kind: 'referral_completed', clock: `referral:${input.department}`, recipients: [`township:${township_code}`], at: new Date(input.at) });
        await enqueueApplicantMessage(trx, `referral:${input.department}`, { template: 'referral_result', caseNo: input.caseNo, department: input.department, outcome }, new Date(input.at));
      });
    },

    async recordDecision(input: { caseNo: string; decision: Decision; late: boolean; at: string }): Promise<void> {
      const { decision, reasonCipher, actor, monthlyAmountYuan, startMonth, amountReasonCipher } = input.decision;
      const terms = { ...(monthlyAmountYuan === undefined ? {} : { monthlyAmountYuan }), ...(startMonth === undefined ? {} : { startMonth }) };
      await withEvent(input.caseNo, 'decision', 'decision_recorded', input.decision, input.at, { decision, late: input.late, ...terms }, async (trx) => {
        await saveDecision(trx, { caseNo: input.caseNo, decision, reasonCipher, actor, late: input.late, at: new Date(input.at), ...terms, ...(amountReasonCipher === undefined ? {} : { amountReasonCipher }) });
        await enqueueApplicantMessage(trx, 'decision', { template: 'decision', caseNo: input.caseNo, decision }, new Date(input.at));
      });
    },

    async recordEmergencyAid(input: { caseNo: string; aid: EmergencyAid; late: boolean; at: string }): Promise<void> {
      const { amountYuan, form, actor } = input.aid;
      await withEvent(input.caseNo, 'emergency_aid', 'emergency_aid_given', input.aid, input.at, { amountYuan, form, late: input.late }, (trx) =>
        saveEmergencyAid(trx, { caseNo: input.caseNo, amountYuan, form, actor, late: input.late, at: new Date(input.at) }),
      );
    },

    async recordEmergencyPaperwork(input: { caseNo: string; act: Act; late: boolean; at: string }): Promise<void> {
      await withEvent(input.caseNo, 'emergency_paperwork', 'emergency_paperwork_completed', input.act, input.at, { late: input.late }, (trx) =>
        saveEmergencyPaperwork(trx, input.caseNo, new Date(input.at)),
      );
    },
  };
}
