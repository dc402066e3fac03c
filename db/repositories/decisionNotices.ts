import type { Kysely } from 'kysely';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';
import type { DecisionNoticeFacts } from '../../domain/decisionNotice';

const termsOf = (amount: string | null, startMonth: string | null) => (amount !== null && startMonth !== null ? { monthlyAmountYuan: Number(amount), startMonth } : null);

/** What a decided case's notice says, decrypted; undefined while the case is undecided. */
export async function decisionNoticeFacts(db: Kysely<Database>, pii: PersonalDataCipher, caseNo: string): Promise<DecisionNoticeFacts | undefined> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.applicant_id')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .innerJoin('counties', 'counties.code', 'townships.county_code')
    .leftJoin('benefits', 'benefits.case_no', 'cases.case_no')
    .select([
      'cases.case_no',
      'cases.needs',
      'cases.decision',
      'cases.decision_reason_cipher',
      'cases.decided_at',
      'persons.name_cipher',
      'persons.id_number_cipher',
      'townships.name_zh as township_name',
      'counties.name_zh as county_name',
      'benefits.monthly_amount_yuan',
      'benefits.start_month',
      'cases.decided_amount_yuan',
      'cases.decided_start_month',
    ])
    .where('cases.case_no', '=', caseNo)
    .executeTakeFirst();
  if (!row?.decision || !row.decided_at || !row.decision_reason_cipher) return undefined;
  return {
    caseNo: row.case_no,
    countyName: row.county_name,
    townshipName: row.township_name,
    applicantName: pii.decrypt(row.name_cipher),
    idNumber: pii.decrypt(row.id_number_cipher),
    needs: row.needs,
    decision: row.decision,
    reason: pii.decrypt(row.decision_reason_cipher),
    decidedAt: row.decided_at,
    // The benefit as paid, else as decided.
    benefit: termsOf(row.monthly_amount_yuan, row.start_month) ?? termsOf(row.decided_amount_yuan, row.decided_start_month),
  };
}
