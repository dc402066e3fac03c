import type { Kysely } from 'kysely';
import { caseScope } from '../db/repositories/cases';
import { referralScope } from '../db/repositories/referrals';
import type { Database } from '../db/schema';
import { DEPARTMENT_CODES, type DepartmentCode } from '../domain/departments';
import { mayOpenCaseIn, mayReadCase, mayReadInbox, mayReadReferral, type CaseScope, type Staff } from '../domain/jurisdiction';
import { forbidden, notFound } from './errors';
import { CaseNoParam, ReferralIdParam } from './schemas';

/**
 * Jurisdiction checks for handlers: each loads where the thing belongs and throws 404 when the caller may not
 * see it, exactly as when it does not exist.
 */

export async function caseInJurisdiction(db: Kysely<Database>, staff: Staff, caseNo: string): Promise<CaseScope & { caseNo: string }> {
  const found = CaseNoParam.safeParse(caseNo).success ? await caseScope(db, caseNo) : undefined;
  const scope = found && { caseNo: found.case_no, townshipCode: found.township_code, countyCode: found.county_code, departments: found.departments };
  if (!scope || !mayReadCase(staff, scope)) throw notFound(`案件 ${caseNo}`);
  return scope;
}

export async function referralInJurisdiction(db: Kysely<Database>, staff: Staff, id: string) {
  const found = ReferralIdParam.safeParse(id).success ? await referralScope(db, id) : undefined;
  if (!found || !mayReadReferral(staff, { townshipCode: found.township_code, countyCode: found.county_code, department: found.department_code })) {
    throw notFound(`转办事项 ${id}`);
  }
  return found;
}

export function departmentInJurisdiction(staff: Staff, code: string): DepartmentCode {
  const department = DEPARTMENT_CODES.find((d) => d === code);
  if (!department || !mayReadInbox(staff, department)) throw notFound(`部门 ${code}`);
  return department;
}

/**
 * Intake for another township is 403, not 404: townships are public reference data, so nothing is hidden,
 * and the window learns precisely why (it may act only for its own township).
 */
export function townshipForIntake(staff: Staff, township: string): void {
  if (!mayOpenCaseIn(staff, township)) {
    throw forbidden('只能为本乡镇（街道）受理申请 (a window opens cases for its own township only)', [
      { path: 'township', message: '不是本窗口所属乡镇（街道）(not this window’s township)' },
    ]);
  }
}
