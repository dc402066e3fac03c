/**
 * Where a case stands: departments working on it, awaiting the civil-affairs decision, a proposed approval in its
 * public notice (公示), emergency paperwork still to be completed (后补办手续), closed. Terminal stages: `closed`
 * (finished), `withdrawn`, `terminated`, `not_accepted`.
 */
export const CASE_STAGES = ['referral', 'approval', 'notice', 'emergency_paperwork', 'closed', 'withdrawn', 'terminated', 'not_accepted'] as const;
/** Stages in which a case is over: nothing more happens to it. */
export const ENDED_STAGES: readonly CaseStage[] = ['closed', 'withdrawn', 'terminated', 'not_accepted'];
export type CaseStage = (typeof CASE_STAGES)[number];

/** What a department reports when it completes a referral. */
export const REFERRAL_OUTCOMES = ['granted', 'not_eligible', 'referred_elsewhere'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/**
 * open (sent, not yet signed for) → accepted (首问负责: the department signed for it) → completed; or returned
 * to the window (→ open again when re-sent), referred_on to another department, or cancelled with its case.
 */
export const REFERRAL_STATUSES = ['open', 'accepted', 'returned', 'completed', 'referred_on', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
