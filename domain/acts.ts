import type { ClockPolicy } from './clocks';
import type { DepartmentCode } from './departments';
import type { MeasureCode } from './measures';
import type { ApprovalLevel } from './review';
import type { ReferralOutcome } from './stages';

/**
 * What people do to a case, as storage, activities and workflows share it. No personal data: free text arrives
 * here already encrypted by the API (db/personalData.ts).
 */

/** Who acts — a staff reference (`staff:<id>`), never a name — and the API request that asked, for the audit log. */
export interface Act {
  actor: string;
  requestId?: string;
}

export interface ReferralCompletion extends Act {
  outcome: ReferralOutcome;
  /** Codes of the measures catalogue (domain/measures.ts): no free text, so no personal data. */
  measures: MeasureCode[];
  /**
   * The department's free-text note, already encrypted by the API (db/personalData.ts): free text may name
   * people, and workflow histories must carry no personal data.
   */
  noteCipher?: string;
}

export interface ReferralResult {
  department: DepartmentCode;
  /** The department's outcome; absent when the referral ended otherwise (referred on, cancelled with its case). */
  outcome?: ReferralOutcome;
  completedAt: string;
  /** Referred on (转介): the new referral the case now waits for. */
  referredOn?: { department: DepartmentCode; policy: ClockPolicy; acceptPolicy?: ClockPolicy; acceptedAt: string };
  /** Ended with its case (withdrawn, terminated). */
  cancelled?: boolean;
}

/** Reasons are free text that may name people: the API encrypts them (db/personalData.ts) before they enter a workflow. */
export interface Decision extends Act {
  decision: 'approve' | 'reject';
  reasonCipher: string;
  /** The level of the reviewer who decides (cases with a review plan: domain/review.ts). */
  by?: ApprovalLevel;
  /**
   * The latest review round with a home investigation on record (0: before any objection, n: after the n-th), as
   * the API found it in PostgreSQL; absent when the case has no visit.
   */
  investigatedInRound?: number;
  /** An approval of a monthly benefit: the amount (the notice board shows it), the first month, and why the amount differs from the proposal. */
  monthlyAmountYuan?: number;
  startMonth?: string;
  amountReasonCipher?: string;
}

export interface EmergencyAid extends Act {
  amountYuan: number;
  form: 'cash' | 'goods' | 'service';
}

/** First aid above the township's limit, asked of the county (一事一议) with the township's reason. */
export interface CountyAidRequest extends EmergencyAid {
  reasonCipher: string;
}

/** The county's answer to a request for first aid above the township's limit. */
export interface CountyAidDecision extends Act {
  decision: 'approve' | 'reject';
  reasonCipher: string;
}

/** A step of the referral loop with its reason (returned, re-sent, referred on, the case ended): encrypted free text. */
export interface ReasonedAct extends Act {
  reasonCipher: string;
}

export interface ReferOn extends ReasonedAct {
  to: DepartmentCode;
  /** The time limit of the new department's referral, from the county's settings. */
  policy: ClockPolicy;
}

/**
 * The end of a case before its natural close: the applicant withdrew, civil affairs terminated it, or the
 * materials still missing did not arrive in time (补正逾期, not accepted).
 */
export interface CaseEnding extends ReasonedAct {
  stage: 'withdrawn' | 'terminated' | 'not_accepted';
}

/** The window records what is still missing (补正); the case's clocks wait for it. */
export interface MaterialsMissing extends ReasonedAct {
  materials: string[];
  /** With nothing received for this many days, the case ends as not accepted, with this written reason. */
  limitDays: number;
  lapseReasonCipher: string;
}
