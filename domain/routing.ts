import { DEPARTMENT_CODES, type DepartmentCode } from './departments';
import { NEEDS, type NeedCode } from './needs';

/** Which departments receive a referral for the stated needs, in the catalogue's order, each once. */
export function routeNeeds(needs: readonly NeedCode[]): DepartmentCode[] {
  const wanted = new Set(needs.map((need) => NEEDS[need].department));
  return DEPARTMENT_CODES.filter((department) => wanted.has(department));
}

/** The needs out of `needs` that `department` is responsible for. */
export function needsFor(department: DepartmentCode, needs: readonly NeedCode[]): NeedCode[] {
  return needs.filter((need) => NEEDS[need].department === department);
}

/** The referral of a case to one department is named after both, everywhere (API id and workflow id). */
export function referralId(caseNo: string, department: DepartmentCode): string {
  return `${caseNo}-${department}`;
}
