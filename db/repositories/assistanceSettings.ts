import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { programmeSettings } from './settings';

/** The per-county numbers of local policy that verification, decisions, notices and payments use. */
export interface AssistanceSettings {
  /** 低保 standard, yuan per person and month. */
  dibaoStandardYuan: number;
  /** The smallest monthly benefit a household is paid (县级最低发放额), yuan. */
  countyMinimumYuan: number;
  /** How long a family economic verification stays valid, days. */
  verificationValidDays: number;
  /** Opening balance of a township's reserve fund, yuan per resident (003 §6: at least 2). */
  reserveYuanPerResident: number;
  /** Public notice period of a proposed approval, days. */
  noticeDays: number;
  /** Household deposits per person may not exceed this many months of the 低保 standard. */
  depositLimitMonths: number;
}

/** The settings in force in `countyCode`, from its versioned settings (`GET /settings`; defaults in domain/settings.ts). */
export async function assistanceSettings(db: Kysely<Database>, countyCode: string): Promise<AssistanceSettings> {
  const s = await programmeSettings(db, countyCode);
  return {
    dibaoStandardYuan: s.dibaoStandardYuan,
    countyMinimumYuan: s.countyMinimumYuan,
    verificationValidDays: s.verificationValidDays,
    reserveYuanPerResident: s.reserveYuanPerResident,
    noticeDays: s.noticePeriodDays,
    depositLimitMonths: s.depositLimitMonths,
  };
}
