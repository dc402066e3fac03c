import { maskName, renderNoticeBoard } from '../../domain/noticeBoard';
import { reviewPlanOf } from '../../domain/review';
import { DEFAULT_PROGRAMME_SETTINGS } from '../../domain/settings';

describe('who approves a case, and what comes before and after (审批权下放、入户调查、公示)', () => {
  test('when the county leaves 低保 to the township (the seed default), then the township approves, after a visit, with the county’s notice period', () => {
    expect(reviewPlanOf(['dibao', 'education'], { ...DEFAULT_PROGRAMME_SETTINGS, noticePeriodDays: 10 })).toEqual({ approver: 'township', investigation: true, noticeDays: 10 });
  });

  test('when a case asks for two programmes and the county keeps one of them, then the county approves the case', () => {
    expect(reviewPlanOf(['tekun', 'temporary_expense'], { ...DEFAULT_PROGRAMME_SETTINGS, approvalByTemporaryAssistance: 'county' }).approver).toBe('county');
    expect(reviewPlanOf(['tekun', 'temporary_expense'], { ...DEFAULT_PROGRAMME_SETTINGS, approvalByTekun: 'county' }).approver).toBe('county');
  });

  test('when only expenditure-type temporary aid is asked for, then no home visit is required and the approval is final at once', () => {
    expect(reviewPlanOf(['temporary_expense'], DEFAULT_PROGRAMME_SETTINGS)).toEqual({ approver: 'township', investigation: false, noticeDays: 0 });
  });
});

describe('the notice board (公示栏)', () => {
  test('when names are masked, then the family name and the last character stay', () => {
    expect(['张三英', '欧阳明华', '李四', '王'].map(maskName)).toEqual(['张*英', '欧**华', '李*', '*']);
  });

  test('when the board is printed, then every value is escaped and only 低保 and 特困 are named', () => {
    const page = renderNoticeBoard('宝城街道', [{ caseNo: '<b>x</b>', maskedName: '张*英', village: '城关村', needs: ['dibao', 'education'], monthlyAmountYuan: 1650, endsAt: new Date('2026-12-02T16:00:00Z') }], new Date('2026-11-25T02:00:00Z'));
    expect(page).toContain('<td>&lt;b&gt;x&lt;/b&gt;</td><td>张*英</td><td>城关村</td><td>最低生活保障</td><td>1650.00元/月</td><td>2026年12月3日</td>');
    expect(page).not.toContain('教育救助');
  });
});
