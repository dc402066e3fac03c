import { sql, type Kysely, type Transaction } from 'kysely';
import { beijingDate } from '../../domain/calendar';
import type { DepartmentCode } from '../../domain/departments';
import type { NeedCode } from '../../domain/needs';
import { referralId } from '../../domain/routing';
import { ENDED_STAGES, type CaseStage } from '../../domain/stages';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';
import { appendCaseEvent } from './caseEvents';
import { placeHousehold, saveCaseFlags } from './households';

export interface PersonInput {
  name: string;
  idNumber: string;
  phone?: string;
  relation: string;
}

export interface NewCase {
  township: string;
  applicant: PersonInput;
  members: PersonInput[];
  needs: NeedCode[];
  emergency: { description: string; requestedAmountYuan: number } | null;
  narrative: string | null;
  /** The village or community (村/社区), when the window recorded it. */
  village?: string | null;
  idempotencyKey: string | null;
  requestHash: string;
  referrals: Array<{ department: DepartmentCode; dueAt: Date; provisional: boolean }>;
  actor: string;
  /** The API request that opened it (audit). */
  requestId: string | null;
  openedAt: Date;
}

/** Case numbers read as the Beijing date of intake and a county-wide sequence: 20261123-000042. */
async function nextCaseNo(trx: Transaction<Database>, openedAt: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('case_no_seq') as n`.execute(trx);
  return `${beijingDate(openedAt).replaceAll('-', '')}-${rows[0].n.padStart(6, '0')}`;
}

/**
 * Writes the household, its members, the case, its referrals and the intake event as one unit.
 * Names, ID numbers, phones and the narrative are encrypted with `pii`; nothing personal reaches the event.
 * People already known are reused (households.ts); a duplicate of an open case throws `DuplicateCase`.
 */
export async function createCase(db: Kysely<Database>, pii: PersonalDataCipher, c: NewCase): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const caseNo = await nextCaseNo(trx, c.openedAt);
    const { householdId, applicantId, flags } = await placeHousehold(trx, pii, { township: c.township, applicant: c.applicant, members: c.members, needs: c.needs });
    await trx
      .insertInto('cases')
      .values({
        case_no: caseNo,
        township_code: c.township,
        household_id: householdId,
        applicant_id: applicantId,
        needs: c.needs,
        stage: 'referral',
        // The description is free text about the household's emergency: encrypted like the narrative.
        emergency: c.emergency && JSON.stringify({ descriptionCipher: pii.encrypt(c.emergency.description), requestedAmountYuan: c.emergency.requestedAmountYuan }),
        narrative_cipher: pii.encryptOptional(c.narrative),
        village_cipher: pii.encryptOptional(c.village ?? null),
        idempotency_key: c.idempotencyKey,
        request_hash: c.requestHash,
        opened_at: c.openedAt,
      })
      .execute();
    if (c.referrals.length > 0) {
      await trx
        .insertInto('referrals')
        .values(c.referrals.map((r) => ({ id: referralId(caseNo, r.department), case_no: caseNo, department_code: r.department, status: 'open' as const, due_at: r.dueAt, due_provisional: r.provisional })))
        .execute();
    }
    await saveCaseFlags(trx, caseNo, flags);
    await appendCaseEvent(trx, {
      caseNo,
      key: 'case_opened',
      type: 'case_opened',
      actor: c.actor,
      requestId: c.requestId,
      detail: { township: c.township, needs: c.needs, emergency: c.emergency !== null, members: c.members.length + 1, flags: flags.length },
      occurredAt: c.openedAt,
    });
    return caseNo;
  });
}

export async function findCaseByIdempotencyKey(db: Kysely<Database>, key: string) {
  return db.selectFrom('cases').select(['case_no', 'request_hash']).where('idempotency_key', '=', key).executeTakeFirst();
}

/** A case without its personal data (see `applicantOfCase`), with the county it belongs to. */
export async function findCase(db: Kysely<Database>, caseNo: string) {
  return db
    .selectFrom('cases')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .select(['cases.case_no', 'cases.township_code', 'townships.county_code', 'cases.needs', 'cases.stage', 'cases.emergency', 'cases.opened_at', 'cases.closed_at', 'cases.decision', 'cases.decided_at', 'cases.decided_late', 'cases.decided_amount_yuan', 'cases.decided_start_month'])
    .where('cases.case_no', '=', caseNo)
    .executeTakeFirst();
}

/** Where a case belongs (township, county) and which departments it was referred to: what jurisdiction checks need. */
export async function caseScope(db: Kysely<Database>, caseNo: string) {
  const found = await db
    .selectFrom('cases')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .select(['cases.case_no', 'cases.township_code', 'townships.county_code'])
    .select((eb) =>
      eb
        .selectFrom('referrals')
        .select(sql<string[]>`coalesce(array_agg(referrals.department_code), '{}')`.as('d'))
        .whereRef('referrals.case_no', '=', 'cases.case_no')
        .as('departments'),
    )
    .where('cases.case_no', '=', caseNo)
    .executeTakeFirst();
  return found && { ...found, departments: found.departments ?? [] };
}

/** The applicant of a case, decrypted, and the case's narrative. */
export async function applicantOfCase(db: Kysely<Database>, pii: PersonalDataCipher, caseNo: string) {
  const row = await db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.applicant_id')
    .select(['persons.name_cipher', 'persons.id_number_cipher', 'persons.phone_cipher', 'cases.narrative_cipher'])
    .where('cases.case_no', '=', caseNo)
    .executeTakeFirst();
  return (
    row && {
      name: pii.decrypt(row.name_cipher),
      idNumber: pii.decrypt(row.id_number_cipher),
      phone: pii.decryptOptional(row.phone_cipher),
      narrative: pii.decryptOptional(row.narrative_cipher),
    }
  );
}

/** The people with this ID number, by its blind index (no row is decrypted to find them), and their cases. */
export async function personsByIdNumber(db: Kysely<Database>, pii: PersonalDataCipher, idNumber: string) {
  const rows = await db
    .selectFrom('persons')
    .leftJoin('cases', 'cases.household_id', 'persons.household_id')
    .select(['persons.id', 'persons.household_id', 'persons.relation', 'persons.name_cipher', 'cases.case_no', 'cases.stage'])
    .where('persons.id_number_hash', '=', pii.idNumberHash(idNumber))
    .orderBy('persons.id')
    .execute();
  return rows.map((r) => ({ personId: r.id, householdId: r.household_id, relation: r.relation, name: pii.decrypt(r.name_cipher), caseNo: r.case_no, stage: r.stage }));
}

export async function setCaseStage(trx: Transaction<Database>, caseNo: string, stage: CaseStage, at: Date): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ stage, closed_at: ENDED_STAGES.includes(stage) ? at : null })
    .where('case_no', '=', caseNo)
    .execute();
}

/** The township and county a case belongs to. */
export async function caseJurisdiction(db: Kysely<Database>, caseNo: string) {
  return db
    .selectFrom('cases')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .select(['cases.township_code', 'townships.county_code'])
    .where('cases.case_no', '=', caseNo)
    .executeTakeFirstOrThrow();
}

export async function saveDecision(
  trx: Transaction<Database>,
  d: { caseNo: string; decision: 'approve' | 'reject'; reasonCipher: string; actor: string; late: boolean; at: Date; monthlyAmountYuan?: number; startMonth?: string; amountReasonCipher?: string },
): Promise<void> {
  await trx
    .updateTable('cases')
    .set({
      decision: d.decision,
      decision_reason_cipher: d.reasonCipher,
      decided_by: d.actor,
      decided_at: d.at,
      decided_late: d.late,
      decided_amount_yuan: d.monthlyAmountYuan?.toFixed(2) ?? null,
      decided_start_month: d.startMonth ?? null,
      decided_amount_reason_cipher: d.amountReasonCipher ?? null,
    })
    .where('case_no', '=', d.caseNo)
    .where('decision', 'is', null)
    .execute();
}
