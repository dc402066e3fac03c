/**
 * No duplicate, no missed assistance (防止重复救助): what intake finds about the people it is given, through the
 * ID-number blind index. A second open case for the same applicant and an overlapping need is refused; the rest
 * is flagged on the case for the reviewer.
 */
export const CASE_FLAG_KINDS = ['member_in_open_case', 'receiving_aid'] as const;
export type CaseFlagKind = (typeof CASE_FLAG_KINDS)[number];

export interface CaseFlag {
  kind: CaseFlagKind;
  /** Who, by their place in the intake: `applicant` or `household.members.<i>`. */
  path: string;
  otherCaseNo: string;
}
