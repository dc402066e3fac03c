import { handleLead } from '../../db/repositories/leads';
import { leadHandledSignal } from '../../workflows/lead';
import { testCipher } from '../support/piiKeys';
import { startEmergencyLead } from '../support/scenarios';
import { createTestWorker, useTimeSkipping } from '../support/workflowEnv';

const TOWNSHIP = '370725001';

/** A lead's time limit (issue 7 item 3) on the time-skipping server: breach, daily escalation, and its end. */
describe('lead time limit', () => {
  const timeSkipping = useTimeSkipping({ serverPerTest: true });
  const pii = testCipher();

  const state = (id: number) => timeSkipping.db.selectFrom('leads').select(['sla_state', 'escalation_level']).where('id', '=', id).executeTakeFirstOrThrow();
  const told = (id: number) => timeSkipping.db.selectFrom('notifications').select(['kind', 'level', 'recipient']).where('lead_id', '=', id).orderBy('level').orderBy('recipient').execute();

  test('when an emergency lead is still open after 24 hours, then it is breached and the window and the county are told, the county again each day, until the window closes it', async () => {
    const { env, db } = timeSkipping;
    const { worker, taskQueue } = await createTestWorker(env, db);
    await worker.runUntil(async () => {
      const { lead, handle } = await startEmergencyLead(env, db, taskQueue);
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
      const { lead, handle } = await startEmergencyLead(env, db, taskQueue);
      await handleLead(db, lead.id, { status: 'closed', reasonCipher: pii.encrypt('重复线索'), actor: 'staff:1' });
      await env.sleep('25 hours');
      await handle.result();
      expect(await state(lead.id)).toEqual({ sla_state: 'on_track', escalation_level: 0 });
      expect(await told(lead.id)).toEqual([]);
    });
  });

  test('when a lead’s workflow starts days after its due time, then the window and the county are told once, at the level of the day, not once for every day missed', async () => {
    const { env, db } = timeSkipping;
    const { worker, taskQueue } = await createTestWorker(env, db);
    await worker.runUntil(async () => {
      // The lead is recorded in real time (due in 24 hours); its workflow starts on the server's clock, 75 hours on.
      await env.sleep('75 hours');
      const { lead, handle } = await startEmergencyLead(env, db, taskQueue);
      await env.sleep('1 hour');
      expect(await told(lead.id)).toEqual([
        { kind: 'breach', level: 2, recipient: 'county:370725' },
        { kind: 'breach', level: 2, recipient: `township:${TOWNSHIP}` },
      ]);
      await handle.signal(leadHandledSignal);
      await handle.result();
    });
  });
});
