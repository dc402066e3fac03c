/**
 * Where a case stands: departments working on it, awaiting the civil-affairs decision, emergency paperwork
 * still to be completed (后补办手续), closed. Terminal stages: `closed` (finished), `withdrawn`, `terminated`.
 */
export const CASE_STAGES = ['referral', 'approval', 'emergency_paperwork', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** What a department reports when it completes a referral. */
export const REFERRAL_OUTCOMES = ['granted', 'not_eligible', 'referred_elsewhere'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const REFERRAL_STATUSES = ['open', 'completed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
