import type { DepartmentCode } from './departments';
import type { MeasureCode } from './measures';
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
  outcome: ReferralOutcome;
  completedAt: string;
}

/** Reasons are free text that may name people: the API encrypts them (db/personalData.ts) before they enter a workflow. */
export interface Decision extends Act {
  decision: 'approve' | 'reject';
  reasonCipher: string;
}

export interface EmergencyAid extends Act {
  amountYuan: number;
  form: 'cash' | 'goods' | 'service';
}
