import { inLang } from '../../console/src/i18n';
import { emptyDraft, intakeBody } from '../../console/src/pages/intakeDraft';

describe('the console’s texts and forms (pure parts)', () => {
  test.each([
    ['身份证号校验位错误 (the check digit of the ID number is wrong)', '身份证号校验位错误', 'the check digit of the ID number is wrong'],
    ['乡镇（街道）代码应为9位数字 (township code: 9 digits)', '乡镇（街道）代码应为9位数字', 'township code: 9 digits'],
    ['无效输入 (Invalid input: expected string (got number))', '无效输入', 'Invalid input: expected string (got number)'],
    ['只有中文', '只有中文', '只有中文'],
  ])('when the API says %j, then each reader gets their half', (message, zh, en) => {
    expect([inLang(message, 'zh'), inLang(message, 'en')]).toEqual([zh, en]);
  });

  test('when optional fields are left empty, then the request leaves them out; the emergency part goes only with its need', () => {
    const draft = { ...emptyDraft(), applicant: { name: '张秀英', idNumber: ' 11010519491231002X ', phone: ' ' }, needs: ['dibao' as const] };
    draft.emergency = { description: '房屋失火', requestedAmountYuan: '2000' };
    expect(intakeBody(draft, '370725001')).toEqual({
      township: '370725001',
      applicant: { name: '张秀英', idNumber: '11010519491231002X' },
      household: { members: [] },
      needs: ['dibao'],
    });
    expect(intakeBody({ ...draft, needs: ['temporary_emergency'] }, '370725001').emergency).toEqual({ description: '房屋失火', requestedAmountYuan: 2000 });
  });
});
