import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { DepartmentCode } from '../domain/departments';
import type { CaseStage } from '../domain/stages';
import { appendCaseEvent } from '../db/repositories/caseEvents';
import { markReferralCompleted } from '../db/repositories/referrals';
import { setCaseStage } from '../db/repositories/cases';
import type { ReferralCompletion } from '../workflows/messages';

export interface ActivityDeps {
  db: Kysely<Database>;
}

/**
 * All I/O the workflows need. Each activity is idempotent: keyed by case and step, a retry changes nothing.
 */
export function createActivities({ db }: ActivityDeps) {
  return {
    async recordStage(input: { caseNo: string; stage: CaseStage; at: string }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await setCaseStage(trx, input.caseNo, input.stage, new Date(input.at));
        await appendCaseEvent(trx, {
          caseNo: input.caseNo,
          key: `stage:${input.stage}`,
          type: 'stage_changed',
          actor: 'system',
          detail: { stage: input.stage },
          occurredAt: new Date(input.at),
        });
      });
    },

    async recordReferralSent(input: { caseNo: string; department: DepartmentCode; dueAt: string; at: string }): Promise<void> {
      await appendCaseEvent(db, {
        caseNo: input.caseNo,
        key: `referral_sent:${input.department}`,
        type: 'referral_sent',
        actor: 'system',
        detail: { department: input.department, dueAt: input.dueAt },
        occurredAt: new Date(input.at),
      });
    },

    async recordReferralCompleted(input: { caseNo: string; department: DepartmentCode; completion: ReferralCompletion; at: string }): Promise<void> {
      const { outcome, measures, noteCipher, actor, requestId } = input.completion;
      await db.transaction().execute(async (trx) => {
        await markReferralCompleted(trx, { caseNo: input.caseNo, department: input.department, outcome, measures, noteCipher: noteCipher ?? null, actor, at: new Date(input.at) });
        await appendCaseEvent(trx, {
          caseNo: input.caseNo,
          key: `referral_completed:${input.department}`,
          type: 'referral_completed',
          actor,
          requestId,
          detail: { department: input.department, outcome, measures },
          occurredAt: new Date(input.at),
        });
      });
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
