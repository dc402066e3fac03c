/**
 * Family economic verification (家庭经济状况核对) as pure rules: a household's records against the county's
 * 低保 standard. The records come from a provider (the province's platform, or the PostgreSQL tables filled by
 * POST /verification-data); nothing here knows which.
 */

export const ECONOMIC_KINDS = ['income', 'deposit', 'vehicle', 'real_estate', 'business', 'social_insurance'] as const;
export type EconomicKind = (typeof ECONOMIC_KINDS)[number];

/** One fact about one household member: `amountYuan` is monthly for income and social insurance, a value otherwise. */
export interface EconomicRecord {
  personId: number;
  recordId: string | null;
  kind: EconomicKind;
  amountYuan: number;
  /** Where it came from (a batch id, or the platform's reference). */
  source: string;
}

export interface Member {
  personId: number;
  idNumberHash: string;
}

/** Where the records come from. The default reads PostgreSQL; the province's 核对 platform plugs in here. */
export interface VerificationProvider {
  readonly name: string;
  recordsOf(countyCode: string, members: Member[]): Promise<EconomicRecord[]>;
}

export type RuleCode = 'income' | 'deposits' | 'vehicles' | 'real_estate' | 'business';
export interface RuleResult {
  rule: RuleCode;
  passed: boolean;
  /** What the household has (yuan per person, or a count) … */
  value: number;
  /** … and the most it may have. */
  limit: number;
}
export interface Finding {
  code: 'no_data';
  personId: number;
}

export interface Assessment {
  householdSize: number;
  standardYuan: number;
  perCapitaIncomeYuan: number;
  /** Every rule passed (a member without data is a finding, shown beside it, not a failure). */
  eligible: boolean;
  rules: RuleResult[];
  findings: Finding[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function assessHousehold(members: Member[], records: EconomicRecord[], rules: { standardYuan: number; depositLimitMonths: number }): Assessment {
  const size = Math.max(members.length, 1);
  const sum = (...kinds: EconomicKind[]) => records.filter((r) => kinds.includes(r.kind)).reduce((total, r) => total + r.amountYuan, 0);
  const count = (kind: EconomicKind) => records.filter((r) => r.kind === kind).length;
  const perCapitaIncomeYuan = round2(sum('income', 'social_insurance') / size);
  const results: RuleResult[] = [
    { rule: 'income', passed: perCapitaIncomeYuan < rules.standardYuan, value: perCapitaIncomeYuan, limit: rules.standardYuan },
    { rule: 'deposits', passed: sum('deposit') / size <= rules.standardYuan * rules.depositLimitMonths, value: round2(sum('deposit') / size), limit: rules.standardYuan * rules.depositLimitMonths },
    { rule: 'vehicles', passed: count('vehicle') === 0, value: count('vehicle'), limit: 0 },
    { rule: 'real_estate', passed: count('real_estate') <= 1, value: count('real_estate'), limit: 1 },
    { rule: 'business', passed: count('business') === 0, value: count('business'), limit: 0 },
  ];
  const withData = new Set(records.map((r) => r.personId));
  return {
    householdSize: members.length,
    standardYuan: rules.standardYuan,
    perCapitaIncomeYuan,
    eligible: results.every((r) => r.passed),
    rules: results,
    findings: members.filter((m) => !withData.has(m.personId)).map((m) => ({ code: 'no_data', personId: m.personId })),
  };
}
