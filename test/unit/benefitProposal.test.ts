import { proposeMonthlyAmount } from '../../domain/benefitProposal';

describe('the proposed monthly amount', () => {
  test('when a household of three has 300 yuan per person against a standard of 850, then (850 − 300) × 3 = 1650 is proposed', () => {
    expect(proposeMonthlyAmount({ standardYuan: 850, perCapitaIncomeYuan: 300, householdSize: 3, countyMinimumYuan: 100 })).toEqual({ computedYuan: 1650, proposedYuan: 1650, flooredAtMinimum: false });
  });

  test('when the gap is below the county minimum, or the income above the standard, then the minimum is proposed', () => {
    expect(proposeMonthlyAmount({ standardYuan: 850, perCapitaIncomeYuan: 820.5, householdSize: 3, countyMinimumYuan: 100 })).toEqual({ computedYuan: 88.5, proposedYuan: 100, flooredAtMinimum: true });
    expect(proposeMonthlyAmount({ standardYuan: 850, perCapitaIncomeYuan: 900, householdSize: 2, countyMinimumYuan: 100 })).toEqual({ computedYuan: 0, proposedYuan: 100, flooredAtMinimum: true });
  });
});
