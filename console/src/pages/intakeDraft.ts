import type { RELATIONS } from '../../../api/schemas';
import type { NeedCode } from '../../../domain/needs';

/** The intake form as typed (every field a string), and the request body it becomes. */
export interface MemberDraft {
  name: string;
  idNumber: string;
  relation: (typeof RELATIONS)[number];
}

export interface IntakeDraft {
  applicant: { name: string; idNumber: string; phone: string };
  village: string;
  members: MemberDraft[];
  needs: NeedCode[];
  emergency: { description: string; requestedAmountYuan: string };
  narrative: string;
}

export const emptyDraft = (): IntakeDraft => ({
  applicant: { name: '', idNumber: '', phone: '' },
  village: '',
  members: [],
  needs: [],
  emergency: { description: '', requestedAmountYuan: '' },
  narrative: '',
});

/** Empty optional fields are left out; the emergency part is sent only with the need that requires it. */
export function intakeBody(draft: IntakeDraft, township: string) {
  const { applicant } = draft;
  const amount = draft.emergency.requestedAmountYuan.trim();
  return {
    township,
    applicant: { name: applicant.name, idNumber: applicant.idNumber.trim(), ...(applicant.phone.trim() ? { phone: applicant.phone.trim() } : {}) },
    household: { ...(draft.village.trim() ? { village: draft.village.trim() } : {}), members: draft.members.map((m) => ({ ...m, idNumber: m.idNumber.trim() })) },
    needs: draft.needs,
    ...(draft.needs.includes('temporary_emergency')
      ? { emergency: { description: draft.emergency.description, requestedAmountYuan: amount === '' ? undefined : Number(amount) } }
      : {}),
    ...(draft.narrative.trim() ? { narrative: draft.narrative } : {}),
  };
}
