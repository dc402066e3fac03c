import type { Kysely } from 'kysely';
import { createCase } from '../../db/repositories/cases';
import type { Database } from '../../db/schema';
import type { DepartmentCode } from '../../domain/departments';
import type { NeedCode } from '../../domain/needs';
import { routeNeeds } from '../../domain/routing';
import type { CaseWorkflowInput } from '../../workflows/messages';
import { buildIntake } from './factories';
import { testCipher } from './piiKeys';

/**
 * Stores a case as the intake API would (without the HTTP part) and returns the matching workflow input,
 * every referral due `dueInDays` calendar days after `openedAt`.
 */
export async function storeCase(db: Kysely<Database>, needs: NeedCode[], openedAt = new Date(), dueInDays = 7): Promise<CaseWorkflowInput> {
  const intake = buildIntake({ needs });
  const dueAt = new Date(openedAt.getTime() + dueInDays * 86_400_000);
  const referrals = routeNeeds(needs).map((department: DepartmentCode) => ({ department, dueAt, provisional: false }));
  const caseNo = await createCase(db, testCipher(), {
    township: intake.township,
    applicant: { ...intake.applicant, relation: 'self' },
    members: intake.household.members,
    needs,
    emergency: null,
    narrative: null,
    idempotencyKey: null,
    requestHash: 'test',
    referrals,
    actor: 'staff:0',
    requestId: null,
    openedAt,
  });
  return { caseNo, township: intake.township, needs, emergency: false, referrals: referrals.map((r) => ({ department: r.department, dueAt: dueAt.toISOString() })) };
}
