/**
 * The monthly amount a household is proposed (差额补助): the 低保 standard minus the household's per-capita
 * income, times the household size, and never less than the county's minimum. Reviewers may decide otherwise,
 * with a reason.
 */
export interface BenefitProposal {
  computedYuan: number;
  proposedYuan: number;
  flooredAtMinimum: boolean;
}

export function proposeMonthlyAmount(p: { standardYuan: number; perCapitaIncomeYuan: number; householdSize: number; countyMinimumYuan: number }): BenefitProposal {
  const computedYuan = Math.round(Math.max(p.standardYuan - p.perCapitaIncomeYuan, 0) * p.householdSize * 100) / 100;
  const flooredAtMinimum = computedYuan < p.countyMinimumYuan;
  return { computedYuan, proposedYuan: flooredAtMinimum ? p.countyMinimumYuan : computedYuan, flooredAtMinimum };
}
