import type { DepartmentCode } from './departments';

/**
 * The kinds of assistance an applicant can ask for, and the department responsible for each
 * (DOMAIN.md "Kinds of assistance"; 001 #8–#10). Basic-living needs belong to civil affairs.
 */
export const NEEDS = {
  dibao: { zh: '最低生活保障', en: 'Minimum living allowance', department: 'civil_affairs' },
  tekun: { zh: '特困人员救助供养', en: 'Extreme-poverty support', department: 'civil_affairs' },
  dibao_edge: { zh: '低保边缘家庭救助', en: 'Marginal-household assistance', department: 'civil_affairs' },
  temporary_expense: { zh: '支出型临时救助', en: 'Expenditure-type temporary assistance', department: 'civil_affairs' },
  temporary_emergency: { zh: '急难型临时救助', en: 'Emergency temporary assistance', department: 'civil_affairs' },
  education: { zh: '教育救助', en: 'Education assistance', department: 'education' },
  housing: { zh: '住房救助', en: 'Housing assistance', department: 'housing' },
  employment: { zh: '就业救助', en: 'Employment assistance', department: 'employment' },
  medical: { zh: '医疗救助', en: 'Medical assistance', department: 'medical' },
} as const satisfies Record<string, { zh: string; en: string; department: DepartmentCode }>;

export type NeedCode = keyof typeof NEEDS;
export const NEED_CODES = Object.keys(NEEDS) as [NeedCode, ...NeedCode[]];
