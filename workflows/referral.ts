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

  setHandler(referralStateQuery, () => ({ ...state, clock: clocks.get(clockId)?.snapshot }));
  handleClockMessages(clocks);
  setHandler(
    completeReferralUpdate,
    async (completion) => {
      completing = true;
      await condition(() => clocks.has(clockId));
      await loop.signedFor(completion);
      await clocks.get(clockId)!.meet(completion);
      const completedAt = new Date().toISOString();
      await activities.recordReferralCompleted({ caseNo: input.caseNo, department: input.department, completion, at: completedAt });
      state.status = 'completed';
      state.result = { department: input.department, outcome: completion.outcome, completedAt };
      // The case knows before the department gets its answer, so that the next step (a decision) finds it done.
      const parent = workflowInfo().parent;
      if (parent && patched(TELLS_CASE)) await getExternalWorkflowHandle(parent.workflowId).signal(referralCompletedSignal, state.result);
      return state.result;
    },
    {
      validator: (_message) => {
        if (completing) throw refuse('referral_already_completed', '该转办事项已办结 (this referral is already completed)');
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
