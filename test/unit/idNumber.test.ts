import { checkCharacter, idNumberProblem, maskIdNumber } from '../../domain/idNumber';

describe('resident ID numbers (GB 11643)', () => {
  test('when the check character is computed, then it matches the standard’s worked example', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  test('when a number is valid, then no problem is reported', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
  });

  test.each([
    ['11010519491231002x', 'shape'],
    ['1101051949123100', 'shape'],
    ['01010519491231002X', 'shape'],
    ['110105194913310024', 'birth_date'],
    ['110105190002300027', 'birth_date'],
    ['110105194912310021', 'check_digit'],
  ] as const)('when the number is %s, then the problem is %s', (value, problem) => {
    expect(idNumberProblem(value)).toBe(problem);
  });

  test('when the birth date is after today in Beijing, then the problem is birth_date; born today is valid', () => {
    const first17 = (birth: string) => `110105${birth}002`;
    const id = (birth: string) => first17(birth) + checkCharacter(first17(birth));
    // 2026-11-24 20:00 UTC is already 25 November in Beijing.
    const now = new Date('2026-11-24T20:00:00Z');
    expect(idNumberProblem(id('20261125'), now)).toBeNull();
    expect(idNumberProblem(id('20261126'), now)).toBe('birth_date');
    expect(idNumberProblem(id('20991231'))).toBe('birth_date');
  });

  test('when a number is masked, then only the region and the last four characters show', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
