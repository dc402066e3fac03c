import type { Kysely } from 'kysely';
import { createCase } from '../../db/repositories/cases';
import type { Database } from '../../db/schema';
import type { NeedCode } from '../../domain/needs';
import { buildIntake, makeIdNumber } from './factories';
import { testCipher } from './piiKeys';

/** A township of the demo county of its own (so that its reserve fund is the test's alone), 370725500–999. */
export async function makeTownship(db: Kysely<Database>, population: number): Promise<string> {
  for (;;) {
    const code = `370725${500 + Math.floor(Math.random() * 500)}`;
    const made = await db
      .insertInto('townships')
      .values({ code, county_code: '370725', name_zh: `测试镇${code.slice(6)}`, name_en: `Test Town ${code.slice(6)}`, population })
      .onConflict((oc) => oc.doNothing())
      .returning('code')
      .executeTakeFirst();
    if (made) return made.code;
  }
}

/** A case stored as the intake API would, in `township`, without referrals (for payment tests). */
export async function storeCaseIn(db: Kysely<Database>, township: string, needs: NeedCode[] = ['temporary_emergency']): Promise<string> {
  const intake = buildIntake({ township, needs });
  return createCase(db, testCipher(), {
    township,
    applicant: { ...intake.applicant, relation: 'self' },
    members: intake.household.members,
    needs,
    emergency: needs.includes('temporary_emergency') ? { description: '火灾', requestedAmountYuan: 100 } : null,
    narrative: null,
    idempotencyKey: null,
    requestHash: 'test',
    referrals: [],
    actor: 'staff:0',
    requestId: null,
    openedAt: new Date(),
  });
}

/** A resident ID number unlikely to be any other test's (verification data is matched across the whole database). */
export function uniqueIdNumber(): string {
  const pick = (from: number, to: number) => String(from + Math.floor(Math.random() * (to - from + 1))).padStart(2, '0');
  return makeIdNumber(`19${pick(40, 99)}${pick(1, 12)}${pick(1, 28)}`, '370725', Math.floor(Math.random() * 1000));
}

/** An intake whose three people have ID numbers of their own (see uniqueIdNumber). */
export function buildUniqueIntake(needs: NeedCode[]) {
  const intake = buildIntake({ needs });
  return { ...intake, applicant: { ...intake.applicant, idNumber: uniqueIdNumber() }, household: { members: intake.household.members.map((m) => ({ ...m, idNumber: uniqueIdNumber() })) } };
}
