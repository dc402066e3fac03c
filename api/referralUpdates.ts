import type { UpdateDefinition } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { findReferral } from '../db/repositories/referrals';
import type { Database } from '../db/schema';
import { ENDED_STAGES, type CaseStage, type ReferralStatus } from '../domain/stages';
import { referralWorkflowId } from '../workflows/messages';
import type { ApiDeps } from './deps';
import { HttpError } from './errors';
import { sendUpdate, type WhenWorkflowGone } from './workflowUpdates';

/** 409 answers of the referral loop, the same whether the database or the workflow noticed first. */
const ENDED: Partial<Record<ReferralStatus, [string, string]>> = {
  cancelled: ['case_closed', '案件已撤回或终止 (the case was withdrawn or terminated)'],
  referred_on: ['referral_referred_on', '该转办事项已转介其他部门 (this referral was referred on)'],
  completed: ['referral_already_completed', '该转办事项已办结 (this referral is already completed)'],
};

/** The refusal of an action on a referral that has ended (completed, referred on, cancelled with its case) or whose case has. */
function endedRefusal(status: ReferralStatus, caseStage?: CaseStage): HttpError | undefined {
  const ended = ENDED[status] ?? (caseStage && ENDED_STAGES.includes(caseStage) ? ENDED.cancelled : undefined);
  return ended && new HttpError(409, ...ended);
}

/** A referral's workflow not (yet, or no longer) there: 409 when the referral has ended meanwhile, else 503 to retry. */
const referralGone =
  (db: Kysely<Database>, id: string): WhenWorkflowGone =>
  async () =>
    endedRefusal((await findReferral(db, id))!.status) ??
    new HttpError(503, 'referral_not_ready', '转办事项正在启动，请稍后重试 (the referral is still starting; retry shortly)', [], { 'Retry-After': '1' });

type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

/** Sends a step of a referral (its loop, its completion) to the referral's workflow, unless the referral has ended. */
export async function sendReferralUpdate<Ret, Arg>(
  deps: Pick<ApiDeps, 'db' | 'temporal' | 'logger' | 'workflowAnswerMs'>,
  referral: ReferralRow & { stage: CaseStage },
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  const refused = endedRefusal(referral.status, referral.stage);
  if (refused) throw refused;
  const target = { caseNo: referral.case_no, workflowId: referralWorkflowId(referral.case_no, referral.department_code) };
  return sendUpdate(deps, target, update, arg, referralGone(deps.db, referral.id));
}
