import { DEPARTMENTS, type DepartmentCode } from './departments';
import type { ReferralOutcome } from './stages';

/**
 * What the applicant is told, by SMS, in zh-CN. Messages carry the case number, codes, dates and amounts —
 * never a name or an ID number (a text message is read on a shared phone as often as not).
 */
export type ApplicantMessage =
  | { template: 'accepted'; caseNo: string; materials: string[] }
  | { template: 'referral_result'; caseNo: string; department: DepartmentCode; outcome: ReferralOutcome }
  | { template: 'notice_period'; caseNo: string; noticeEnds: string }
  | { template: 'decision'; caseNo: string; decision: 'approve' | 'reject' }
  | { template: 'first_payment'; caseNo: string; month: string; amountYuan: number }
  | { template: 'benefit_changed'; caseNo: string; fromMonth: string; amountYuan: number }
  | { template: 'benefit_stopped'; caseNo: string; fromMonth: string };

const OUTCOMES: Record<ReferralOutcome, string> = { granted: '予以办理', not_eligible: '不符合条件', referred_elsewhere: '已转其他渠道办理' };

export function renderMessage(m: ApplicantMessage): string {
  switch (m.template) {
    case 'accepted':
      return m.materials.length > 0
        ? `您的救助申请已受理，案件号${m.caseNo}。还需提交：${m.materials.join('；')}。`
        : `您的救助申请已受理，案件号${m.caseNo}，材料已齐全。`;
    case 'referral_result':
      return `您的案件${m.caseNo}：${DEPARTMENTS[m.department].zh}已办结，结果：${OUTCOMES[m.outcome]}。`;
    case 'notice_period':
      return `您的案件${m.caseNo}拟予批准，现予公示，公示期至${m.noticeEnds}。`;
    case 'decision':
      return m.decision === 'approve'
        ? `您的案件${m.caseNo}已审批：予以救助。决定书请到乡镇（街道）领取。`
        : `您的案件${m.caseNo}已审批：不予救助，理由见书面告知书，请到乡镇（街道）领取。`;
    case 'first_payment':
      return `您的案件${m.caseNo}首笔救助金${m.amountYuan.toFixed(2)}元（${m.month}）已发放至您登记的银行账户。`;
    case 'benefit_changed':
      return `您的案件${m.caseNo}：自${m.fromMonth}起每月救助金调整为${m.amountYuan.toFixed(2)}元，书面告知书请到乡镇（街道）领取。`;
    case 'benefit_stopped':
      return `您的案件${m.caseNo}：自${m.fromMonth}起停发救助金，理由见书面告知书，请到乡镇（街道）领取。`;
  }
}

/** A phone number as logs may show it: 138****1234. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '*'.repeat(phone.length);
}
