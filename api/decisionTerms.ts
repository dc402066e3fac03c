import type { Kysely } from 'kysely';
import { findCase } from '../db/repositories/cases';
import type { Database } from '../db/schema';
import { NOTICED_NEEDS } from '../domain/review';
import { benefitProposalOfCase, requireAmountReason } from './benefitProposal';
import { invalid } from './errors';

/**
 * An approval of 低保 or 特困 (a monthly benefit) states the monthly amount and the first month (issue 8 item 5);
 * an amount other than the proposal of a valid verification states why. 400 naming the field otherwise.
 */
export async function requireBenefitTerms(
  db: Kysely<Database>,
  scope: { caseNo: string; countyCode: string },
  body: { decision: 'approve' | 'reject'; monthlyAmountYuan?: number; startMonth?: string; amountReason?: string },
): Promise<void> {
  if (body.decision !== 'approve' || !(await findCase(db, scope.caseNo))?.needs.some((need) => NOTICED_NEEDS.includes(need))) return;
  const missing = (['monthlyAmountYuan', 'startMonth'] as const).filter((path) => body[path] === undefined);
  if (missing.length > 0) {
    throw invalid(missing.map((path) => ({ path, message: '批准低保、特困须写明月救助金额和起始月份 (an approval of 低保 or 特困 states the monthly amount and the first month)' })));
  }
  const proposal = await benefitProposalOfCase(db, scope.caseNo, scope.countyCode);
  requireAmountReason(proposal && { yuan: proposal.proposedYuan, decided: false }, body.monthlyAmountYuan!, body.amountReason);
}
