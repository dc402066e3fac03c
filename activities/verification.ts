import type { Kysely } from 'kysely';
import { assistanceSettings } from '../db/repositories/assistanceSettings';
import { householdOfCase, postgresVerificationProvider, saveVerification } from '../db/repositories/verificationData';
import type { Database } from '../db/schema';
import type { Act } from '../domain/acts';
import { assessHousehold, type VerificationProvider } from '../domain/familyVerification';

const DAY_MS = 86_400_000;

/** Family economic verification: the provider's records of the household, assessed and stored with their evidence. */
export function verificationActivities(db: Kysely<Database>, provider: VerificationProvider = postgresVerificationProvider(db)) {
  return {
    /** `runKey` names what asked (a request id, a workflow step): the same key verifies once. */
    async verifyFamilyEconomy(input: { caseNo: string; runKey: string; act: Act; at: string }) {
      const { countyCode, members } = await householdOfCase(db, input.caseNo);
      const settings = await assistanceSettings(db, countyCode);
      const records = await provider.recordsOf(countyCode, members);
      const assessment = assessHousehold(members, records, { standardYuan: settings.dibaoStandardYuan, depositLimitMonths: settings.depositLimitMonths });
      const at = new Date(input.at);
      const validUntil = new Date(at.getTime() + settings.verificationValidDays * DAY_MS);
      const id = await saveVerification(db, { caseNo: input.caseNo, runKey: input.runKey, provider: provider.name, assessment, records, requestedBy: input.act.actor, requestId: input.act.requestId ?? null, at, validUntil });
      return { verificationId: id, eligible: assessment.eligible, validUntil: validUntil.toISOString() };
    },
  };
}
