import type { Kysely } from 'kysely';
import { planDeadlines } from '../../api/deadlines';
import { caseWorkflowStart } from '../../api/intake';
import { createCase } from '../../db/repositories/cases';
import type { Database } from '../../db/schema';
import type { NeedCode } from '../../domain/needs';
import type { CaseWorkflowInput } from '../../workflows/messages';
import { buildIntake } from './factories';
import { testCipher } from './piiKeys';

/**
 * Stores a case as the intake API would (without the HTTP part, and accepted at `acceptedAt`) and returns its
 * workflow input, built by the same code the API uses.
 */
export async function storeCase(db: Kysely<Database>, needs: NeedCode[], acceptedAt = new Date()): Promise<CaseWorkflowInput> {
  const emergency = needs.includes('temporary_emergency') ? { description: '火灾致房屋损毁', requestedAmountYuan: 2000 } : undefined;
  const intake = buildIntake({ needs, emergency });
  const { referrals } = await planDeadlines(db, { township: intake.township, needs, emergency: emergency !== undefined, acceptedAt });
  const caseNo = await createCase(db, testCipher(), {
    township: intake.township,
    applicant: { ...intake.applicant, relation: 'self' },
    members: intake.household.members,
    needs,
    emergency: emergency ?? null,
    narrative: null,
    idempotencyKey: null,
    requestHash: 'test',
    referrals,
    actor: 'staff:0',
    requestId: null,
    openedAt: acceptedAt,
  });
  return (await caseWorkflowStart(db, caseNo)).input;
}
