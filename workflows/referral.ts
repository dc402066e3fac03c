import { allHandlersFinished, condition, getExternalWorkflowHandle, log, patched, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ClockId } from '../domain/clocks';
import { activities } from './activities';
import { Clock } from './clock';
import { handleClockMessages } from './clockHandlers';
import { completeReferralUpdate, referralCompletedSignal, referralStateQuery, type ReferralResult, type ReferralState, type ReferralWorkflowInput } from './messages';
import { ReferralLoop } from './referralLoop';
import { ReferralMaterialsPause } from './referralMaterialsPause';
import { refuse } from './refuse';
import { Stage } from './searchAttributes';
import { publishSla } from './slaAttributes';

/** Patch: the completion signals the case before it answers (histories recorded before it never did). */
const TELLS_CASE = 'referral-tells-case-before-answering';
/**
 * Patch: the completion signals the case before it records the completion in PostgreSQL. A worker killed between
 * the two left a referral completed on record (a retry answered `referral_already_completed`) that the case
 * heard of only once another worker resumed it, so the decision sent next met `examination_pending`.
 */
const TELLS_CASE_FIRST = 'referral-tells-case-before-recording';
/**
 * Patch: a completion sent while the first is under way (a client's retry after a lost answer, a worker killed
 * mid-way) is accepted and answers `referral_already_completed` only once the first is done and the case told;
 * before, its validator refused it at once, and the decision sent next met `examination_pending`. Decided when
 * the workflow starts, so that a referral started before keeps refusing (its history has no such updates).
 */
const RETRY_WAITS = 'referral-completion-retry-waits';
/** How long such a retry waits for the first completion (an activity that keeps failing must not hold it for ever). */
const RETRY_WAIT = '10 minutes';
const alreadyCompleted = () => refuse('referral_already_completed', '该转办事项已办结 (this referral is already completed)');

/**
 * One department's part of a case (转办): waits, under the department's time limit, until the department
 * completes it, then reports the outcome to the case. A child of `caseWorkflow`, ID `case-<caseNo>-<department>`.
 */
export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralResult> {
  const state: ReferralState = { status: 'open' };
  const clocks = new Map<ClockId, Clock>();
  const clockId: ClockId = `referral:${input.department}`;
  let completing = false;
  const loop = new ReferralLoop(input, state, clocks, () => completing);
  new ReferralMaterialsPause(clocks);
  const retryWaits = patched(RETRY_WAITS);

  setHandler(referralStateQuery, () => ({ ...state, clock: clocks.get(clockId)?.snapshot }));
  handleClockMessages(clocks);
  setHandler(
    completeReferralUpdate,
    async (completion) => {
      if (completing) {
        await condition(() => state.status === 'completed', RETRY_WAIT);
        throw alreadyCompleted();
      }
      completing = true;
      await condition(() => clocks.has(clockId));
      await loop.signedFor(completion);
      await clocks.get(clockId)!.meet(completion);
      const completedAt = new Date().toISOString();
      const result: ReferralResult = { department: input.department, outcome: completion.outcome, completedAt };
      const parent = workflowInfo().parent;
      const tellCase = async () => void (await getExternalWorkflowHandle(parent!.workflowId).signal(referralCompletedSignal, result));
      // The case knows before the completion is on record, so that a completion on record is one the case knows of.
      const toldFirst = parent !== undefined && patched(TELLS_CASE_FIRST);
      if (toldFirst) await tellCase();
      await activities.recordReferralCompleted({ caseNo: input.caseNo, department: input.department, completion, at: completedAt });
      state.status = 'completed';
      state.result = result;
      // Before that patch: the case knew before the department got its answer, but after the record.
      if (parent && !toldFirst && patched(TELLS_CASE)) await tellCase();
      return state.result;
    },
    {
      validator: (_message) => {
        if (state.status === 'completed' || (completing && !retryWaits)) throw alreadyCompleted();
        loop.refuseCompletion();
      },
    },
  );

  await activities.recordReferralSent({ caseNo: input.caseNo, department: input.department, at: new Date().toISOString() });
  await loop.startAcceptClock();
  const clock = await Clock.start(clocks, input.caseNo, clockId, input.policy, input.acceptedAt, () => publishSla(clocks.values()));
  await clock.run();
  await loop.finished();
  await condition(() => state.result !== undefined);
  upsertSearchAttributes([{ key: Stage, value: state.status }]);
  log.info('referral ended', { caseNo: input.caseNo, department: input.department, status: state.status, outcome: state.result!.outcome, late: clock.snapshot.late });
  await condition(allHandlersFinished);
  return state.result!;
}
