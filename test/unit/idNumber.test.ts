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

  test('when a number is masked, then only the region and the last four characters show', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
