import { barInForce } from '../db/repositories/barredPersons';
import type { ApiDeps } from './deps';
import { HttpError } from './errors';

/** The rules at the door (issue 7): no duplicate assistance, no assistance for a person barred for fraud. */

export const duplicateCase = (caseNo: string) =>
  new HttpError(409, 'duplicate_case', `申请人已有未办结的同类救助案件 ${caseNo} (the applicant already has an open case ${caseNo} for one of these needs)`, [
    { path: 'needs', caseNo, message: `与未办结案件 ${caseNo} 的救助需求重复 (a need of open case ${caseNo})` },
  ]);

/** 403 applicant_barred while a fraud record against the applicant is in force in the county. */
export async function refuseBarredApplicant({ db, pii }: Pick<ApiDeps, 'db' | 'pii'>, county: string, idNumber: string): Promise<void> {
  const bar = await barInForce(db, pii, county, idNumber, new Date());
  if (!bar) return;
  const until = bar.barred_until ? bar.barred_until.toISOString() : null;
  throw new HttpError(
    403,
    'applicant_barred',
    `申请人因失信被限制申请社会救助${until ? `至 ${until}` : '，直至记录解除'}，须退还 ${Number(bar.amount_to_return_yuan)} 元 (the applicant is barred for fraud ${until ? `until ${until}` : 'until the record is lifted'}; ${Number(bar.amount_to_return_yuan)} yuan to return)`,
    [{ path: 'applicant.idNumber', message: pii.decrypt(bar.reason_cipher) }],
  );
}
