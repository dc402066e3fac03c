import type { PersonalDataCipher } from '../db/personalData';
import type { ReferralRow } from '../db/schema';

/** Database rows → API shapes (camelCase, ISO instants). */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReferral(
  r: Pick<ReferralRow, 'id' | 'case_no' | 'department_code' | 'status' | 'due_at' | 'due_provisional' | 'outcome' | 'measures' | 'note_cipher' | 'completed_at'>,
  pii: PersonalDataCipher,
) {
  return {
    id: r.id,
    caseNo: r.case_no,
    department: r.department_code,
    status: r.status,
    dueAt: r.due_at.toISOString(),
    dueProvisional: r.due_provisional,
    outcome: r.outcome,
    measures: r.measures,
    note: pii.decryptOptional(r.note_cipher),
    completedAt: iso(r.completed_at),
  };
}

export { iso };
