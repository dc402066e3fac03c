import type { Kysely } from 'kysely';
import { assistanceSettings } from '../db/repositories/assistanceSettings';
import { verificationOfCase } from '../db/repositories/verificationData';
import type { Database } from '../db/schema';
import { proposeMonthlyAmount } from '../domain/benefitProposal';
import { invalid } from './errors';

/**
 * The amount proposed for a case from its latest verification, while that is valid and complete (a member
 * without data leaves the income unknown); undefined otherwise.
 */
export async function benefitProposalOfCase(db: Kysely<Database>, caseNo: string, countyCode: string, now = new Date()) {
  const verification = await verificationOfCase(db, caseNo);
  if (!verification || verification.valid_until <= now || (verification.findings as unknown[]).length > 0) return undefined;
  const { countyMinimumYuan } = await assistanceSettings(db, countyCode);
  const inputs = {
    standardYuan: Number(verification.standard_yuan),
    perCapitaIncomeYuan: Number(verification.per_capita_income_yuan),
    householdSize: verification.household_size,
    countyMinimumYuan,
  };
  return { ...inputs, ...proposeMonthlyAmount(inputs), verifiedAt: verification.verified_at.toISOString(), validUntil: verification.valid_until.toISOString() };
}

/**
 * An amount other than the one of reference — the approval's decided amount, else the proposal of a valid
 * verification — needs a reason (400 naming `amountReason`).
 */
export function requireAmountReason(reference: { yuan: number; decided: boolean } | undefined, amountYuan: number, reason: string | undefined): void {
  if (!reference || reference.yuan === amountYuan || reason) return;
  const what = reference.decided ? `审批决定的${reference.yuan.toFixed(2)}元` : `测算金额${reference.yuan.toFixed(2)}元`;
  throw invalid([{ path: 'amountReason', message: `金额与${what}不同，须说明理由 (the amount differs from the ${reference.decided ? 'decision' : 'proposal'}: give a reason)` }]);
}
