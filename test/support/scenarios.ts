import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { NeedCode } from '../../domain/needs';
import { calendarRetimingWorkflow } from '../../workflows/calendarRetiming';
import { caseWorkflow } from '../../workflows/case';
import { caseStatusQuery, caseWorkflowId, completeReferralUpdate, decideUpdate, referralStateQuery, referralWorkflowId } from '../../workflows/messages';
import { acceptReferralUpdate, endCaseUpdate, resendReferralUpdate, returnReferralUpdate } from '../../workflows/referralLoopMessages';
import { leadWorkflowInput } from '../../api/leadWorkflows';
import { handleLead, recordLead } from '../../db/repositories/leads';
import { findStaffByUsername } from '../../db/repositories/staff';
import { leadWorkflowId } from '../../domain/workflowIds';
import { leadHandledSignal, leadWorkflow } from '../../workflows/lead';
import { storeCase } from './cases';
import { eventually } from './eventually';
import { testCipher } from './piiKeys';
import { townshipDecision } from './review';
import { createTestWorker } from './workflowEnv';

/**
 * A case whose every department completes its referral with `granted` and, when the case needs one, whose
 * approval by the township follows at once (for 低保 and 特困 through its public notice, skipped through); run to its end on `env`.
 * Shared by the workflow tests and the history recorder, so the recorded history is a tested one.
 */
export async function runCaseToClosure(env: TestWorkflowEnvironment, db: Kysely<Database>, needs: NeedCode[]) {
  const input = await storeCase(db, needs);
  const { worker, taskQueue } = await createTestWorker(env, db);
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(input.caseNo), taskQueue, args: [input] });
    for (const { department } of input.referrals) {
      const referral = env.client.workflow.getHandle(referralWorkflowId(input.caseNo, department));
      await eventually(() => referral.query(referralStateQuery));
      await referral.executeUpdate(completeReferralUpdate, { args: [{ outcome: 'granted', measures: ['other'], actor: 'staff:0' }] });
    }
    if (input.clocks.approval) await handle.executeUpdate(decideUpdate, { args: [townshipDecision('approve', '符合条件')] });
    return handle.result();
  });
  return { input, result };
}

/** Runs the calendar re-timing of `year` for `workflowIds` to its end on `env`; returns its workflow ID. */
export async function retimeCalendar(env: TestWorkflowEnvironment, db: Kysely<Database>, year: number, workflowIds: string[]): Promise<string> {
  const { worker, taskQueue } = await createTestWorker(env, db);
  const workflowId = `calendar-${year}-recorded`;
  await worker.runUntil(env.client.workflow.execute(calendarRetimingWorkflow, { workflowId, taskQueue, args: [{ year, workflowIds }] }));
  return workflowId;
}

/**
 * The referral loop and an early end, run to their ends on `env`: education signs for its referral, returns it,
 * the window re-sends it and education completes it; a second case (dibao) is withdrawn while its clocks run.
 */
export async function runReferralLoopAndWithdrawal(env: TestWorkflowEnvironment, db: Kysely<Database>) {
  const pii = testCipher();
  const looped = await storeCase(db, ['education']);
  const withdrawn = await storeCase(db, ['dibao']);
  const { worker, taskQueue } = await createTestWorker(env, db);
  await worker.runUntil(async () => {
    const first = await env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(looped.caseNo), taskQueue, args: [looped] });
    const referral = env.client.workflow.getHandle(referralWorkflowId(looped.caseNo, 'education'));
    await eventually(async () => {
      if (!(await referral.query(referralStateQuery)).clock) throw new Error('referral clock not started yet');
    });
    const act = { actor: 'staff:0' };
    await referral.executeUpdate(acceptReferralUpdate, { args: [act] });
    await referral.executeUpdate(returnReferralUpdate, { args: [{ ...act, reasonCipher: pii.encrypt('缺少在读证明') }] });
    await referral.executeUpdate(resendReferralUpdate, { args: [{ ...act, reasonCipher: pii.encrypt('已补') }] });
    await referral.executeUpdate(completeReferralUpdate, { args: [{ outcome: 'granted', measures: ['tuition_waiver'], actor: 'staff:0' }] });
    await first.result();

    const second = await env.client.workflow.start(caseWorkflow, { workflowId: caseWorkflowId(withdrawn.caseNo), taskQueue, args: [withdrawn] });
    await eventually(async () => {
      if (!(await second.query(caseStatusQuery)).clocks.some((c) => c.id === 'approval')) throw new Error('approval clock not started yet');
    });
    await second.executeUpdate(endCaseUpdate, { args: [{ stage: 'withdrawn', reasonCipher: pii.encrypt('申请人撤回'), actor: 'staff:0' }] });
    await second.result();
  });
  return { looped, withdrawn };
}

/** An emergency lead (24 hours) of the seeded township, reported by its window clerk, and its workflow started. */
export async function startEmergencyLead(env: TestWorkflowEnvironment, db: Kysely<Database>, taskQueue: string) {
  const reporter = await findStaffByUsername(db, 'window.baocheng');
  const lead = await recordLead(db, testCipher(), { township: '370725001', county: '370725', reportedBy: reporter!.id, name: '张三', hardship: '独居老人摔伤', urgency: 'emergency' });
  const handle = await env.client.workflow.start(leadWorkflow, { workflowId: leadWorkflowId({ leadId: lead.id, workflowKey: lead.workflow_key }), taskQueue, args: [leadWorkflowInput(lead)] });
  return { lead, handle };
}

/** A lead left open past its due time (breached, the window and county told), then closed by the window. */
export async function runLeadPastDue(env: TestWorkflowEnvironment, db: Kysely<Database>): Promise<{ workflowId: string }> {
  const { worker, taskQueue } = await createTestWorker(env, db);
  return worker.runUntil(async () => {
    const { lead, handle } = await startEmergencyLead(env, db, taskQueue);
    await env.sleep('25 hours');
    await handleLead(db, lead.id, { status: 'closed', reasonCipher: testCipher().encrypt('已核实'), actor: 'staff:1' });
    await handle.signal(leadHandledSignal);
    await handle.result();
    return { workflowId: handle.workflowId };
  });
}
