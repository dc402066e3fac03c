import { findStaffByUsername } from '../../db/repositories/staff';
import { handleLead, recordLead } from '../../db/repositories/leads';
import { leadWorkflowInput } from '../../api/leadWorkflows';
import { leadWorkflowId } from '../../domain/workflowIds';
import { leadHandledSignal, leadWorkflow } from '../../workflows/lead';
import { testCipher } from '../support/piiKeys';
import { createTestWorker, useTimeSkipping } from '../support/workflowEnv';

const TOWNSHIP = '370725001';

/** A lead's time limit (issue 7 item 3) on the time-skipping server: breach, daily escalation, and its end. */
describe('lead time limit', () => {
  const timeSkipping = useTimeSkipping();
  const pii = testCipher();

  /** An emergency lead (24 hours) of the seeded township, and its workflow started. */
  async function emergencyLead(taskQueue: string) {
    const { env, db } = timeSkipping;
    const reporter = await findStaffByUsername(db, 'window.baocheng');
    const lead = await recordLead(db, pii, { township: TOWNSHIP, county: '370725', reportedBy: reporter!.id, name: '张三', hardship: '独居老人摔伤', urgency: 'emergency' });
    const handle = await env.client.workflow.start(leadWorkflow, {
      workflowId: leadWorkflowId({ leadId: lead.id, workflowKey: lead.workflow_key }),
      taskQueue,
      args: [leadWorkflowInput(lead)],
    });
    return { lead, handle };
  }
  const state = (id: number) => timeSkipping.db.selectFrom('leads').select(['sla_state', 'escalation_level']).where('id', '=', id).executeTakeFirstOrThrow();
  const told = (id: number) => timeSkipping.db.selectFrom('notifications').select(['kind', 'level', 'recipient']).where('lead_id', '=', id).orderBy('level').orderBy('recipient').execute();

  test('when an emergency lead is still open after 24 hours, then it is breached and the window and the county are told, the county again each day, until the window closes it', async () => {
    const { env, db } = timeSkipping;
    const { worker, taskQueue } = await createTestWorker(env, db);
    await worker.runUntil(async () => {
      const { lead, handle } = await emergencyLead(taskQueue);
      await env.sleep('23 hours');
      expect(await state(lead.id)).toEqual({ sla_state: 'on_track', escalation_level: 0 });
      await env.sleep('2 hours');
      expect(await state(lead.id)).toEqual({ sla_state: 'breached', escalation_level: 0 });
      expect(await told(lead.id)).toEqual([
        { kind: 'breach', level: 0, recipient: 'county:370725' },
        { kind: 'breach', level: 0, recipient: `township:${TOWNSHIP}` },
      ]);
      await env.sleep('24 hours');
      expect(await state(lead.id)).toEqual({ sla_state: 'breached', escalation_level: 1 });
      expect((await told(lead.id)).slice(2)).toEqual([{ kind: 'escalation', level: 1, recipient: 'county:370725' }]);

      await handleLead(db, lead.id, { status: 'closed', reasonCipher: pii.encrypt('已核实，不符合条件'), actor: 'staff:1' });
      await handle.signal(leadHandledSignal);
      await handle.result();
      expect(await told(lead.id)).toHaveLength(3);
    });
  });

  test('when the lead is closed before it is due but the workflow is not told, then at the due time it finds the lead handled and ends without telling anyone', async () => {
    const { env, db } = timeSkipping;
    const { worker, taskQueue } = await createTestWorker(env, db);
    await worker.runUntil(async () => {
      const { lead, handle } = await emergencyLead(taskQueue);
      await handleLead(db, lead.id, { status: 'closed', reasonCipher: pii.encrypt('重复线索'), actor: 'staff:1' });
      await env.sleep('25 hours');
      await handle.result();
      expect(await state(lead.id)).toEqual({ sla_state: 'on_track', escalation_level: 0 });
      expect(await told(lead.id)).toEqual([]);
    });
  });
});
