import type { DepartmentCode } from './departments';

/**
 * Who may see what (issue 4), as pure rules: the API loads where a thing belongs and asks these.
 *   reporter    (village/community assistance worker, grid worker; issue 7) their own leads, in their township
 *   window      their township's cases
 *   township_reviewer  their township's cases; approves what the county left to the township (审批权下放, issue 8)
 *   department  the referrals of their department whose case is in their county, and those cases
 *   reviewer    every case of their county
 *   admin       every case of their county, read-only (to follow up what monitoring finds)
 */
export const STAFF_ROLES = ['window', 'department', 'reviewer', 'admin', 'reporter', 'township_reviewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Staff {
  id: number;
  username: string;
  role: StaffRole;
  countyCode: string;
  townshipCode: string | null;
  departmentCode: DepartmentCode | null;
}

/** How a staff member is recorded in the audit log: a reference, never a name. */
export const actorOf = (staff: Pick<Staff, 'id'>): string => `staff:${staff.id}`;

export interface CaseScope {
  townshipCode: string;
  countyCode: string;
  /** Departments the case was referred to. */
  departments: readonly string[];
}

export interface ReferralScope {
  townshipCode: string;
  countyCode: string;
  department: string;
}

export function mayReadCase(staff: Staff, scope: CaseScope): boolean {
  switch (staff.role) {
    case 'window':
    case 'township_reviewer':
      return scope.townshipCode === staff.townshipCode;
    case 'department':
      return scope.countyCode === staff.countyCode && staff.departmentCode !== null && scope.departments.includes(staff.departmentCode);
    case 'reviewer':
    case 'admin':
      return scope.countyCode === staff.countyCode;
    case 'reporter':
      return false;
  }
}

export function mayReadReferral(staff: Staff, scope: ReferralScope): boolean {
  switch (staff.role) {
    case 'window':
    case 'township_reviewer':
      return scope.townshipCode === staff.townshipCode;
    case 'department':
      return scope.countyCode === staff.countyCode && scope.department === staff.departmentCode;
    case 'reviewer':
    case 'admin':
      return scope.countyCode === staff.countyCode;
    case 'reporter':
      return false;
  }
}

/** A department's inbox: the department's own staff, and the county's reviewers and administrators. */
export function mayReadInbox(staff: Staff, department: DepartmentCode): boolean {
  return staff.role === 'department' ? staff.departmentCode === department : staff.role === 'reviewer' || staff.role === 'admin';
}

/**
 * A department's note on a referral, need-to-know (issue 11): the department that wrote it, and civil affairs —
 * the township window that coordinates the case, the county's reviewers and the civil-affairs bureau — see it;
 * other departments and administrators see the measure codes only.
 */
export function mayReadReferralNote(staff: Staff, department: string): boolean {
  switch (staff.role) {
    case 'window':
    case 'township_reviewer':
    case 'reviewer':
      return true;
    case 'department':
      return staff.departmentCode === department || staff.departmentCode === 'civil_affairs';
    case 'admin':
    case 'reporter':
      return false;
  }
}

/** Window staff open cases for their own township only. */
export function mayOpenCaseIn(staff: Staff, township: string): boolean {
  return staff.role === 'window' && staff.townshipCode === township;
}

/**
 * Full resident ID numbers: the window that took the application (it verifies the documents) and the
 * reviewers of the township and the county (they decide); departments and administrators see them masked (110105********002X).
 */
export function seesFullIdNumber(staff: Staff, scope: CaseScope): boolean {
  return ((staff.role === 'window' || staff.role === 'township_reviewer') && scope.townshipCode === staff.townshipCode) || (staff.role === 'reviewer' && scope.countyCode === staff.countyCode);
}
