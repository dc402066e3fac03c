import type { DepartmentCode } from './departments';
import { referralId } from './routing';

/** Workflow ids, named after the case (and department): used by the API, the workflows and the console's Temporal UI links. */
export const caseWorkflowId = (caseNo: string): string => `case-${caseNo}`;
export const referralWorkflowId = (caseNo: string, department: DepartmentCode): string => `case-${referralId(caseNo, department)}`;
/** A lead's: its number and key (numbers start again with a new database; the key keeps the ID its own). */
export const leadWorkflowId = (lead: { leadId: number; workflowKey: string }): string => `lead-${lead.leadId}-${lead.workflowKey}`;
