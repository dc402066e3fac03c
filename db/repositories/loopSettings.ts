import type { Kysely } from 'kysely';
import type { ClockPolicy } from '../../domain/clocks';
import type { Database } from '../schema';

/**
 * The county's settings of the intake rules and the referral loop. Defaults for now: a versioned per-county
 * settings store is being built; this one function is where it will be read from.
 */
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
}

export const DEFAULT_LOOP_SETTINGS: LoopSettings = {
  acceptClock: { length: { unit: 'working_days', amount: 1 }, warnBefore: 0, escalateEveryHours: 24, escalateTo: ['department', 'township', 'county'] },
  leadWorkingDays: 3,
  leadEmergencyHours: 24,
  missingMaterialsDays: 30,
  trustList: [],
};

export async function loopSettings(_db: Kysely<Database>, _county: string): Promise<LoopSettings> {
  return DEFAULT_LOOP_SETTINGS;
}
