/** What a notification tells: a clock's warning or escalation, a step of the referral loop, the end of a case. */
export const NOTIFICATION_KINDS = [
  'warning',
  'breach',
  'escalation',
  'referral_accepted',
  'referral_completed',
  'referral_returned',
  'referral_referred_on',
  'referral_resent',
  'case_withdrawn',
  'case_terminated',
  'case_not_accepted',
  'review_escalated',
  'notice_objected',
  'county_aid_requested',
  'county_aid_decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
