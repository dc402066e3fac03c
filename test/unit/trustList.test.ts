import { splitByTrust } from '../../domain/materials';

describe('the trust list (容缺受理)', () => {
  test('when some missing materials are on the county’s trust list, then only the others hold the case up', () => {
    expect(splitByTrust(['income_statement', 'support_obligors', 'medical_bills'], ['support_obligors'])).toEqual({
      trusted: ['support_obligors'],
      blocking: ['income_statement', 'medical_bills'],
    });
  });

  test('when every missing material is trusted, then nothing blocks; with an empty list, everything does', () => {
    expect(splitByTrust(['medical_bills'], ['medical_bills', 'income_statement'])).toEqual({ trusted: ['medical_bills'], blocking: [] });
    expect(splitByTrust(['medical_bills'], [])).toEqual({ trusted: [], blocking: ['medical_bills'] });
  });
});
