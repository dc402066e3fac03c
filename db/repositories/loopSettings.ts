import type { Kysely } from 'kysely';
import type { ClockPolicy } from '../../domain/clocks';
import type { ProgrammeSettings } from '../../domain/settings';
import type { Database } from '../schema';
import { programmeSettings } from './settings';

/** The county's settings of the intake rules and the referral loop, from its versioned settings (`GET /settings`). */
export interface LoopSettings {
  /** A department signs for (accepts) a referral within this (首问负责). */
  acceptClock: ClockPolicy;
  /** A lead (主动发现) is handled within this; emergencies within `leadEmergencyHours`. */
  leadWorkingDays: number;
  leadEmergencyHours: number;
  /** With nothing received for this long, a case waiting for materials ends as not accepted (补正). */
  missingMaterialsDays: number;
  /** Material kinds a case may proceed without while they are pending (容缺受理). */
  trustList: string[];
  /** The settings themselves, for the rest of what intake plans (who approves, the public notice). */
  programme: ProgrammeSettings;
}

export async function loopSettings(db: Kysely<Database>, county: string): Promise<LoopSettings> {
  const s = await programmeSettings(db, county);
  return {
    acceptClock: { length: { unit: 'working_days', amount: s.referralAcceptWorkingDays }, warnBefore: 0, escalateEveryHours: 24, escalateTo: ['department', 'township', 'county'] },
    leadWorkingDays: s.leadResponseWorkingDays,
    leadEmergencyHours: s.leadResponseEmergencyHours,
    missingMaterialsDays: s.missingMaterialsDays,
    trustList: s.trustedMaterials,
    programme: s,
  };
}
