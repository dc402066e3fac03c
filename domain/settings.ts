import { z } from 'zod';
import { MATERIAL_CODES } from './materials';

/**
 * A county's programme settings (local policy that the issues introduce), each one named and validated by its own
 * schema, with the default the issues name. Stored as part of a versioned settings document per county
 * (db/repositories/settings.ts); a setting added here later reads as its default from older documents.
 */
/** Who approves: the township (审批权下放) or the county. */
const Approver = z.enum(['township', 'county']);
const whole = (min: number, max: number) => z.number().int().min(min).max(max);
/** Yuan, to the fen. */
const yuan = (min: number, max: number) =>
  z.number().min(min).max(max).refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额最多两位小数 (at most two decimals)');

export const PROGRAMME_SETTING_SCHEMAS = {
  /** 低保审批权下放乡镇（街道）. */
  approvalByDibao: Approver,
  approvalByTekun: Approver,
  /** 临时救助 (both kinds). */
  approvalByTemporaryAssistance: Approver,
  /** 公示期, days. */
  noticePeriodDays: whole(1, 30),
  /** The township's first aid from the reserve fund (备用金), yuan, at most. */
  reserveFundFirstAidLimitYuan: whole(1, 1_000_000),
  /** 低保 households with stable income are rechecked yearly, others every six months; 特困 yearly. */
  recheckMonthsDibaoStableIncome: whole(1, 36),
  recheckMonthsDibaoOther: whole(1, 36),
  recheckMonthsTekun: whole(1, 36),
  /** Response to a lead (主动发现线索): working days, hours in an emergency. */
  leadResponseWorkingDays: whole(1, 30),
  leadResponseEmergencyHours: whole(1, 168),
  /** Missing materials (补正材料) must come within, days. */
  missingMaterialsDays: whole(1, 180),
  /** A department accepts a referral within, working days. */
  referralAcceptWorkingDays: whole(1, 30),
  /** Material kinds a case may proceed without while they are pending (容缺受理). */
  trustedMaterials: z.array(z.enum(MATERIAL_CODES)).max(MATERIAL_CODES.length).refine((codes) => new Set(codes).size === codes.length, '材料不能重复 (materials must not repeat)'),
  /** 低保 standard, yuan per person and month. */
  dibaoStandardYuan: yuan(1, 100_000),
  /** The smallest monthly benefit a household is paid (县级最低发放额), yuan. */
  countyMinimumYuan: yuan(0, 100_000),
  /** How long a family economic verification stays valid, days. */
  verificationValidDays: whole(1, 365),
  /** Opening balance of a township's reserve fund, yuan per resident (003 §6: at least 2). */
  reserveYuanPerResident: yuan(2, 1_000),
  /** Household deposits per person may not exceed this many months of the 低保 standard. */
  depositLimitMonths: whole(1, 120),
} as const;

export type ProgrammeSettingName = keyof typeof PROGRAMME_SETTING_SCHEMAS;
export type ProgrammeSettings = { [K in ProgrammeSettingName]: z.output<(typeof PROGRAMME_SETTING_SCHEMAS)[K]> };

export const DEFAULT_PROGRAMME_SETTINGS: ProgrammeSettings = {
  approvalByDibao: 'township',
  approvalByTekun: 'township',
  approvalByTemporaryAssistance: 'township',
  noticePeriodDays: 7,
  reserveFundFirstAidLimitYuan: 3000,
  recheckMonthsDibaoStableIncome: 12,
  recheckMonthsDibaoOther: 6,
  recheckMonthsTekun: 12,
  leadResponseWorkingDays: 3,
  leadResponseEmergencyHours: 24,
  missingMaterialsDays: 30,
  referralAcceptWorkingDays: 1,
  trustedMaterials: [],
  dibaoStandardYuan: 850,
  countyMinimumYuan: 100,
  verificationValidDays: 90,
  reserveYuanPerResident: 2,
  depositLimitMonths: 24,
};

/** A change: any of the settings, each valid, nothing else. */
export const ProgrammeSettingsChange = z.strictObject(PROGRAMME_SETTING_SCHEMAS).partial();

/**
 * A stored document as the settings in force, setting by setting: one it does not name (introduced after it was
 * written) or no longer valid under today's schema is the default.
 */
export function programmeSettingsOf(document: unknown): ProgrammeSettings {
  const stored = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  const settings: Record<string, unknown> = { ...DEFAULT_PROGRAMME_SETTINGS };
  for (const [name, schema] of Object.entries(PROGRAMME_SETTING_SCHEMAS)) {
    const parsed = schema.safeParse(stored[name]);
    if (parsed.success) settings[name] = parsed.data;
  }
  return settings as ProgrammeSettings;
}
