import type { Request, Response } from 'express';
import type { DepartmentCode } from '../domain/departments';
import { caseWorkflowId, referralWorkflowId } from '../workflows/messages';
import { CaseNoParam, ReferralIdParam } from './schemas';

/** `yyyymmdd-nnnnnn` */
const CASE_NO_LENGTH = 15;

/**
 * The case a request is about, for its log line: `caseNo` and the Temporal `workflowId` that runs it, so that an
 * operator can go from a log line to the workflow in the Web UI and back. Taken from the route's `:caseNo` or
 * referral `:id`, or from `res.locals.caseNo` (intake, once the case number is known); only well-formed
 * identifiers (codes, never anything a client could smuggle personal data into).
 */
export function caseLogFields(req: Request, res: Response): { caseNo?: string; workflowId?: string } {
  const params = (req.params ?? {}) as Record<string, unknown>;
  const referral = typeof params.id === 'string' && ReferralIdParam.safeParse(params.id).success ? params.id : undefined;
  if (referral) {
    const caseNo = referral.slice(0, CASE_NO_LENGTH);
    return { caseNo, workflowId: referralWorkflowId(caseNo, referral.slice(CASE_NO_LENGTH + 1) as DepartmentCode) };
  }
  const caseNo = [params.caseNo, res.locals?.caseNo].find((c) => typeof c === 'string' && CaseNoParam.safeParse(c).success) as string | undefined;
  return caseNo ? { caseNo, workflowId: caseWorkflowId(caseNo) } : {};
}
