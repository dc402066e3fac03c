import type { DepartmentCode } from './departments';

/**
 * What a department grants when it completes a referral, as codes from a catalogue (issue 11): codes carry no
 * personal data, so they may travel through workflow histories and the audit log; anything more a department
 * wants to say goes into its free-text detail, which is encrypted like every other free text.
 */
export const MEASURES = {
  dibao_included: { department: 'civil_affairs', zh: '纳入最低生活保障', en: 'Included in minimum living allowance' },
  tekun_included: { department: 'civil_affairs', zh: '纳入特困人员供养', en: 'Included in support for persons in extreme poverty' },
  temporary_aid_paid: { department: 'civil_affairs', zh: '发放临时救助金', en: 'Temporary assistance paid' },
  care_service: { department: 'civil_affairs', zh: '提供照料服务', en: 'Care service arranged' },
  tuition_waiver: { department: 'education', zh: '学费减免', en: 'Tuition waived' },
  student_grant: { department: 'education', zh: '发放助学金', en: 'Student grant' },
  living_allowance: { department: 'education', zh: '寄宿生生活补助', en: 'Boarding living allowance' },
  public_rental: { department: 'housing', zh: '公租房保障', en: 'Public rental housing' },
  rent_subsidy: { department: 'housing', zh: '租赁补贴', en: 'Rent subsidy' },
  house_renovation: { department: 'housing', zh: '危房改造', en: 'Dilapidated house renovation' },
  job_referral: { department: 'employment', zh: '职业介绍', en: 'Job referral' },
  skills_training: { department: 'employment', zh: '职业技能培训', en: 'Skills training' },
  public_welfare_post: { department: 'employment', zh: '公益性岗位安置', en: 'Public-welfare job' },
  insurance_subsidy: { department: 'medical', zh: '资助参加基本医疗保险', en: 'Medical insurance premium paid' },
  medical_assistance: { department: 'medical', zh: '医疗救助报销', en: 'Medical assistance reimbursement' },
  serious_illness_support: { department: 'medical', zh: '大病保险倾斜支付', en: 'Serious-illness insurance top-up' },
  other: { department: '*', zh: '其他措施（见说明）', en: 'Other (see the detail)' },
} as const satisfies Record<string, { department: DepartmentCode | '*'; zh: string; en: string }>;

export type MeasureCode = keyof typeof MEASURES;
export const MEASURE_CODES = Object.keys(MEASURES) as [MeasureCode, ...MeasureCode[]];

/** The measures a department may record: its own and the general ones. */
export function measuresOf(department: DepartmentCode): MeasureCode[] {
  return MEASURE_CODES.filter((code) => [department, '*'].includes(MEASURES[code].department));
}
