import type { NeedCode } from './needs';

/**
 * The one-time list (一次性告知): what an applicant must still bring for the needs stated. Anything a
 * department can provide through data sharing (003 §15: 能通过部门信息共享获取的证明材料…不再要求申请人提供)
 * is not asked for; it is listed under `sharedData` so the window can say where it comes from.
 */
export interface Material {
  code: string;
  zh: string;
  en: string;
}

const M = {
  application_form: { zh: '社会救助申请书（窗口当场填写）', en: 'Application form (filled in at the window)' },
  verification_consent: {
    zh: '家庭经济状况核对授权书（共同生活的成年家庭成员签字）',
    en: 'Consent to family economic verification, signed by every adult household member',
  },
  income_statement: { zh: '家庭收入情况声明', en: 'Declaration of household income' },
  support_obligors: { zh: '法定赡养、抚养、扶养义务人情况说明', en: 'Statement on persons legally obliged to support the applicant' },
  expense_receipts: { zh: '刚性支出票据（医疗、教育等）', en: 'Receipts of unavoidable expenses (medical, education, …)' },
  hardship_statement: { zh: '困难情况说明（可先行救助后补交）', en: 'Statement of the emergency (may follow after first aid)' },
  enrolment_proof: { zh: '在读证明或录取通知书', en: 'Proof of enrolment or admission letter' },
  housing_statement: { zh: '现住房情况说明（租房的附租赁合同）', en: 'Statement of current housing (with the lease if renting)' },
  job_seeking_form: { zh: '求职登记表（窗口当场填写）', en: 'Job-seeking registration (filled in at the window)' },
  medical_bills: { zh: '医疗费用票据及诊断证明', en: 'Medical bills and diagnosis' },
} satisfies Record<string, Omit<Material, 'code'>>;
export type MaterialCode = keyof typeof M;
export const MATERIAL_CODES = Object.keys(M) as [MaterialCode, ...MaterialCode[]];

const SHARED = {
  household_registration: { zh: '户籍信息（公安部门共享）', en: 'Household registration (public security)' },
  real_estate: { zh: '不动产登记信息（自然资源部门共享）', en: 'Real-estate records (natural resources)' },
  vehicles: { zh: '车辆登记信息（公安交管共享）', en: 'Vehicle records (traffic police)' },
  social_insurance: { zh: '社保缴费与就业登记（人社部门共享）', en: 'Social insurance and employment records (human resources)' },
  tax_and_business: { zh: '纳税与工商登记信息（税务、市场监管共享）', en: 'Tax and business registration (tax, market regulation)' },
  disability: { zh: '残疾人证信息（残联共享）', en: 'Disability certificate (disabled persons’ federation)' },
  student_status: { zh: '学籍信息（教育部门共享）', en: 'Student status (education)' },
  medical_settlement: { zh: '医保结算信息（医保部门共享）', en: 'Medical-insurance settlements (medical security)' },
} satisfies Record<string, Omit<Material, 'code'>>;
type SharedCode = keyof typeof SHARED;

const ECONOMIC_CHECK: SharedCode[] = ['household_registration', 'real_estate', 'vehicles', 'social_insurance', 'tax_and_business'];

const BY_NEED: Record<NeedCode, { bring: MaterialCode[]; shared: SharedCode[] }> = {
  dibao: { bring: ['verification_consent', 'income_statement'], shared: ECONOMIC_CHECK },
  dibao_edge: { bring: ['verification_consent', 'income_statement'], shared: ECONOMIC_CHECK },
  tekun: { bring: ['verification_consent', 'support_obligors'], shared: [...ECONOMIC_CHECK, 'disability'] },
  temporary_expense: { bring: ['verification_consent', 'expense_receipts'], shared: ECONOMIC_CHECK },
  temporary_emergency: { bring: ['hardship_statement'], shared: ['household_registration'] },
  education: { bring: ['enrolment_proof'], shared: ['student_status'] },
  housing: { bring: ['housing_statement'], shared: ['real_estate'] },
  employment: { bring: ['job_seeking_form'], shared: ['social_insurance'] },
  medical: { bring: ['medical_bills'], shared: ['medical_settlement'] },
};

function pick<C extends string>(catalogue: Record<C, Omit<Material, 'code'>>, codes: Iterable<C>): Material[] {
  return [...new Set(codes)].map((code) => ({ code, ...catalogue[code] }));
}

export function requiredMaterials(needs: readonly NeedCode[]): { requiredMaterials: Material[]; sharedData: Material[] } {
  return {
    requiredMaterials: pick(M, ['application_form', ...needs.flatMap((need) => BY_NEED[need].bring)]),
    sharedData: pick(SHARED, needs.flatMap((need) => BY_NEED[need].shared)),
  };
}

/**
 * 容缺受理: materials on the county's trust list may be pending without holding the case up; only the others
 * pause its clocks (补正).
 */
export function splitByTrust(missing: readonly MaterialCode[], trustList: readonly string[]): { trusted: MaterialCode[]; blocking: MaterialCode[] } {
  return { trusted: missing.filter((m) => trustList.includes(m)), blocking: missing.filter((m) => !trustList.includes(m)) };
}
