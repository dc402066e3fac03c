import type { Kysely } from 'kysely';
import type { Database } from '../schema';

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

/** Demo defaults (issue 8); a county's own values come from the settings store once it exists. */
export const ASSISTANCE_DEFAULTS: AssistanceSettings = {
  dibaoStandardYuan: 850,
  countyMinimumYuan: 100,
  verificationValidDays: 90,
  reserveYuanPerResident: 2,
  noticeDays: 7,
  depositLimitMonths: 24,
};

/**
 * The settings in force in `countyCode`. The one place to read them: when the versioned settings store lands,
 * this function reads it (falling back to the defaults) and nothing else changes.
 */
export async function assistanceSettings(_db: Kysely<Database>, _countyCode: string): Promise<AssistanceSettings> {
  return ASSISTANCE_DEFAULTS;
}
