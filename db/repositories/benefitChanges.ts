import type { Kysely } from 'kysely';
import type { BenefitChangeNoticeFacts } from '../../domain/benefitChangeNotice';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';
import { enqueueApplicantMessage } from './applicantMessages';
import { appendCaseEvent } from './caseEvents';

export interface NewBenefitChange {
  caseNo: string;
  kind: 'change' | 'stop';
  /** The new monthly amount of a change; null for a stop. */
  monthlyAmountYuan: number | null;
  fromMonth: string;
  reasonCipher: string;
  actor: string;
  requestId: string;
}

/**
 * Records a change or a stop of a benefit, its case event and the household's message as one unit, once per case,
 * kind and month; answers the stored one and whether this call wrote it.
 */
export async function recordBenefitChange(db: Kysely<Database>, c: NewBenefitChange) {
  return db.transaction().execute(async (trx) => {
    const at = new Date();
    const made = await trx
      .insertInto('benefit_changes')
      .values({
        case_no: c.caseNo,
        kind: c.kind,
        monthly_amount_yuan: c.monthlyAmountYuan?.toFixed(2) ?? null,
        from_month: c.fromMonth,
        reason_cipher: c.reasonCipher,
        actor: c.actor,
        request_id: c.requestId,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['case_no', 'kind', 'from_month']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (made) {
      const type = c.kind === 'stop' ? 'benefit_stopped' : 'benefit_changed';
      const key = `${type}:${c.fromMonth}`;
      await appendCaseEvent(trx, { caseNo: c.caseNo, key, type, actor: c.actor, requestId: c.requestId, detail: { fromMonth: c.fromMonth, monthlyAmountYuan: c.monthlyAmountYuan }, occurredAt: at });
      await enqueueApplicantMessage(
        trx,
        key,
        c.kind === 'stop' ? { template: 'benefit_stopped', caseNo: c.caseNo, fromMonth: c.fromMonth } : { template: 'benefit_changed', caseNo: c.caseNo, fromMonth: c.fromMonth, amountYuan: c.monthlyAmountYuan! },
        at,
      );
    }
    const change = await trx.selectFrom('benefit_changes').selectAll().where('case_no', '=', c.caseNo).where('kind', '=', c.kind).where('from_month', '=', c.fromMonth).executeTakeFirstOrThrow();
    return { change, created: made !== undefined };
  });
}

export async function changesOfBenefit(db: Kysely<Database>, caseNo: string) {
  return db.selectFrom('benefit_changes').selectAll().where('case_no', '=', caseNo).orderBy('from_month').orderBy('id').execute();
}

/** What the written notice of one change says, decrypted; undefined when the case has no such change. */
export async function benefitChangeNoticeFacts(db: Kysely<Database>, pii: PersonalDataCipher, caseNo: string, id: string): Promise<BenefitChangeNoticeFacts | undefined> {
  const row = await db
    .selectFrom('benefit_changes')
    .innerJoin('cases', 'cases.case_no', 'benefit_changes.case_no')
    .innerJoin('persons', 'persons.id', 'cases.applicant_id')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .innerJoin('counties', 'counties.code', 'townships.county_code')
    .select(['benefit_changes.kind', 'benefit_changes.from_month', 'benefit_changes.monthly_amount_yuan', 'benefit_changes.reason_cipher', 'benefit_changes.created_at', 'persons.name_cipher', 'persons.id_number_cipher', 'counties.name_zh as county_name'])
    .where('benefit_changes.case_no', '=', caseNo)
    .where('benefit_changes.id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      caseNo,
      countyName: row.county_name,
      applicantName: pii.decrypt(row.name_cipher),
      idNumber: pii.decrypt(row.id_number_cipher),
      kind: row.kind,
      fromMonth: row.from_month,
      monthlyAmountYuan: row.monthly_amount_yuan === null ? null : Number(row.monthly_amount_yuan),
      reason: pii.decrypt(row.reason_cipher),
      decidedAt: row.created_at,
    }
  );
}
