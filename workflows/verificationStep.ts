import { patched } from '@temporalio/workflow';
import type { NeedCode } from '../domain/needs';
import { activities } from './activities';

/** The programmes whose eligibility rests on the household's income and assets (issue 8, item 1). */
const VERIFIED_NEEDS: readonly NeedCode[] = ['dibao', 'tekun', 'dibao_edge', 'temporary_expense'];

/**
 * The family economic verification step: asks the provider once, at the start of the examination, and stores the
 * result with its evidence (staff may run it again later through the API). Undefined when the case needs none,
 * or when it started before this step existed.
 */
export function startVerificationStep(caseNo: string, needs: readonly NeedCode[]): Promise<void> | undefined {
  if (!needs.some((need) => VERIFIED_NEEDS.includes(need)) || !patched('family-verification')) return undefined;
  return activities.verifyFamilyEconomy({ caseNo, runKey: 'workflow:verification', act: { actor: 'system' }, at: new Date().toISOString() }).then(() => undefined);
}
