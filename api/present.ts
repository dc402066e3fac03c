import type { PersonalDataCipher } from '../db/personalData';
import type { BenefitChangeTable, ReferralRow, SlaClockRow } from '../db/schema';
import { mayReadReferralNote, type Staff } from '../domain/jurisdiction';
import type { Selectable } from 'kysely';

/** Database rows → API shapes (camelCase, ISO instants). */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReferral(
  r: Pick<ReferralRow, 'id' | 'case_no' | 'department_code' | 'status' | 'due_at' | 'due_provisional' | 'outcome' | 'measures' | 'note_cipher' | 'completed_at' | 'accepted_at' | 'referred_to'>,
  pii: PersonalDataCipher,
  reader: Staff,
) {
  const readsNote = mayReadReferralNote(reader, r.department_code);
  return {
    id: r.id,
    caseNo: r.case_no,
    department: r.department_code,
    status: r.status,
    dueAt: r.due_at.toISOString(),
    dueProvisional: r.due_provisional,
    outcome: r.outcome,
    measures: r.measures,
    note: readsNote ? pii.decryptOptional(r.note_cipher) : null,
    noteWithheld: !readsNote && r.note_cipher !== null,
    acceptedAt: iso(r.accepted_at),
    referredTo: r.referred_to,
    completedAt: iso(r.completed_at),
  };
}

export { iso };

export function presentClock(c: Pick<SlaClockRow, 'clock' | 'sla_state' | 'started_at' | 'due_at' | 'provisional' | 'paused' | 'escalation_level' | 'met_at' | 'late'>) {
  return {
    clock: c.clock,
    sla: c.sla_state,
    startedAt: c.started_at.toISOString(),
    dueAt: c.due_at.toISOString(),
    provisional: c.provisional,
    paused: c.paused,
    escalationLevel: c.escalation_level,
    metAt: iso(c.met_at),
    late: c.late,
  };
}

/** A change or stop of a benefit, its reason decrypted for the staff who may read the benefit. */
export function presentBenefitChange(c: Selectable<BenefitChangeTable>, pii: PersonalDataCipher) {
  return {
    id: c.id,
    kind: c.kind,
    monthlyAmountYuan: c.monthly_amount_yuan === null ? null : Number(c.monthly_amount_yuan),
    fromMonth: c.from_month,
    reason: pii.decrypt(c.reason_cipher),
    actor: c.actor,
    createdAt: c.created_at.toISOString(),
  };
}
