/** The departments a case can be referred to (转办/转介). Codes are stable API values. */
export const DEPARTMENTS = {
  civil_affairs: { zh: '县民政局', en: 'Civil Affairs Bureau' },
  education: { zh: '县教育局', en: 'Education Bureau' },
  housing: { zh: '县住房和城乡建设局', en: 'Housing and Urban-Rural Development Bureau' },
  employment: { zh: '县人力资源和社会保障局', en: 'Human Resources and Social Security Bureau' },
  medical: { zh: '县医疗保障局', en: 'Medical Security Bureau' },
} as const;

export type DepartmentCode = keyof typeof DEPARTMENTS;
export const DEPARTMENT_CODES = Object.keys(DEPARTMENTS) as [DepartmentCode, ...DepartmentCode[]];
