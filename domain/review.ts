import type { StaffRole } from './jurisdiction';
import type { NeedCode } from './needs';
import type { ProgrammeSettings } from './settings';

/**
 * Who approves and what comes before and after the approval (issue 8 items 2–4): the county may leave approval
 * to the township (审批权下放) per programme; the township may pass a hard case up (提级审核); 低保 and 特困 need a
 * home investigation before the review and a public notice (民主评议、公示) before the approval is final.
 */
export type ApprovalLevel = 'township' | 'county';

/** Programmes whose approval needs a home visit first and a public notice after (003 §14, 004 #1). */
export const NOTICED_NEEDS: readonly NeedCode[] = ['dibao', 'tekun'];

/** A case's review as intake plans it from the county's settings; fixed for the case (a later setting does not move it). */
export interface ReviewPlan {
  /** Who decides, until the township passes the case up. */
  approver: ApprovalLevel;
  /** A home investigation (入户调查) must be on record before the decision, and again after an objection. */
  investigation: boolean;
  /** An approval is proposed, publicly noticed for this many days, and final when no objection came; 0: no notice. */
  noticeDays: number;
}

const APPROVER_SETTING: Partial<Record<NeedCode, keyof Pick<ProgrammeSettings, 'approvalByDibao' | 'approvalByTekun' | 'approvalByTemporaryAssistance'>>> = {
  dibao: 'approvalByDibao',
  tekun: 'approvalByTekun',
  temporary_expense: 'approvalByTemporaryAssistance',
};

/**
 * The review of a case asking for `needs` (its approval needs: domain/clocks.ts APPROVAL_NEEDS): the county
 * approves when any of its programmes is the county's to approve.
 */
export function reviewPlanOf(needs: readonly NeedCode[], settings: ProgrammeSettings): ReviewPlan {
  const levels = needs.flatMap((need) => (APPROVER_SETTING[need] ? [settings[APPROVER_SETTING[need]]] : []));
  const noticed = needs.some((need) => NOTICED_NEEDS.includes(need));
  return {
    approver: levels.includes('county') ? 'county' : 'township',
    investigation: noticed,
    noticeDays: noticed ? settings.noticePeriodDays : 0,
  };
}

/** The level a reviewer (`township_reviewer` or the county's `reviewer`) decides at. */
export const levelOfRole = (role: StaffRole): ApprovalLevel => (role === 'township_reviewer' ? 'township' : 'county');
