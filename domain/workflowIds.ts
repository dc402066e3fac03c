import type { DepartmentCode } from './departments';
import { referralId } from './routing';

/** Workflow ids, named after the case (and department): used by the API, the workflows and the console's Temporal UI links. */
export const caseWorkflowId = (caseNo: string): string => `case-${caseNo}`;
export const referralWorkflowId = (caseNo: string, department: DepartmentCode): string => `case-${referralId(caseNo, department)}`;
export const leadWorkflowId = (leadId: number): string => `lead-${leadId}`;
