import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { caseWorkflowStart } from '../../api/intake';
import { referralWorkflowId, type ReferralWorkflowInput } from '../../workflows/messages';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/** Issue 11 item 1: a fractional extension hung the request and stuck the clock. */
describe('clock extensions in the clock’s unit, and no call waits on a workflow without end', () => {
  describe('with a worker', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApiHarness();
    });
    afterAll(() => api?.stop());

    const clockOf = (caseNo: string, clock: string) =>
      eventually(async () => {
        const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
        const found = body.clocks.find((c: { clock: string }) => c.clock === clock);
        if (!found) throw new Error(`${clock} not started yet`);
        return found;
      });
    const extend = (agent: ReturnType<ApiHarness['as']>, caseNo: string, clock: string, amount: number) =>
      agent.post(`/api/v1/cases/${caseNo}/clocks/${clock}/extend`).send({ reason: '需补充调查', amount });

    test('when a working-day clock is extended by half a day, then 400 names amount, and the clock and audit log are unchanged; a whole day extends it', async () => {
      const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201);
      const before = await clockOf(opened.caseNo, 'approval');
      await clockOf(opened.caseNo, 'referral:education');
      for (const [agent, clock] of [[api.as('reviewer'), 'approval'], [api.asDepartment('education'), 'referral:education']] as const) {
        const res = await extend(agent, opened.caseNo, clock, 0.5).expect(400);
        expect(res.body.error.details).toEqual([{ path: 'amount', message: expect.stringMatching(/whole working days/) }]);
      }
      expect((await clockOf(opened.caseNo, 'approval')).dueAt).toBe(before.dueAt);
      const events = await api.db.selectFrom('case_events').select('type').where('case_no', '=', opened.caseNo).where('type', '=', 'clock_extended').execute();
      expect(events).toEqual([]);

      const { body: extended } = await extend(api.as('reviewer'), opened.caseNo, 'approval', 1).expect(200);
      expect(Date.parse(extended.clock.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
    });

    test('when an hour clock is extended, then half hours are accepted and other fractions refused', async () => {
      const { body: opened } = await api
        .as('window')
        .post('/api/v1/cases')
        .send(buildIntake({ needs: ['temporary_emergency'], emergency: { description: '房屋失火', requestedAmountYuan: 1000 } }))
        .expect(201);
      const before = await clockOf(opened.caseNo, 'emergency_aid');
      const refused = await extend(api.as('window'), opened.caseNo, 'emergency_aid', 0.3).expect(400);
      expect(refused.body.error.details[0]).toEqual({ path: 'amount', message: expect.stringMatching(/half an hour/) });
      const { body } = await extend(api.as('window'), opened.caseNo, 'emergency_aid', 1.5).expect(200);
      expect(Date.parse(body.clock.dueAt) - Date.parse(before.dueAt)).toBe(1.5 * 3_600_000);
    });

    test.each(['referral:zzz', 'referral:housing', 'emergency_aid'])('when the case has no clock %s, then 404, not 409', async (clock) => {
      const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201);
      const res = await api.as('reviewer').post(`/api/v1/cases/${opened.caseNo}/clocks/${clock}/pause`).send({ reason: '补正材料' }).expect(404);
      expect(res.body.error.code).toBe('not_found');
    });

    test('when the clock activity is given a fractional working-day budget, then it fails at once and for good (non-retryable)', async () => {
      const { computeClockTimes } = createActivities({ db: api.db });
      const failure = await computeClockTimes({ startedAt: new Date().toISOString(), budget: { unit: 'working_days', amount: 10.5 }, warnBefore: 2 }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ nonRetryable: true, type: 'invalid_clock_input' });
    });
  });

  describe('when no worker runs the workflows', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApiHarness({ worker: false, workflowAnswerMs: 1500 });
    });
    afterAll(() => api?.stop());

    test('when a decision, a clock action and a referral completion wait on a workflow that never answers, then each gets 504 workflow_timeout', async () => {
      const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201);
      // The referral's workflow, as its case would start it, with the case's key (no worker will ever run it either).
      const { input } = await caseWorkflowStart(api.db, opened.caseNo);
      const plan = input.referrals.find((r) => r.department === 'education')!;
      const referralInput: ReferralWorkflowInput = { ...plan, caseNo: input.caseNo, township: input.township, acceptedAt: input.acceptedAt };
      await api.temporal.workflow.start('referralWorkflow', {
        workflowId: referralWorkflowId(opened.caseNo, 'education'),
        taskQueue: api.taskQueue,
        args: [referralInput],
        memo: { caseKey: input.caseKey },
      });

      const answers = await Promise.all([
        api.as('reviewer').post(`/api/v1/cases/${opened.caseNo}/decision`).send({ decision: 'reject', reason: '不符合条件' }),
        api.as('reviewer').post(`/api/v1/cases/${opened.caseNo}/clocks/approval/extend`).send({ reason: '需补充调查', amount: 1 }),
        api.asDepartment('education').post(`/api/v1/referrals/${opened.caseNo}-education/complete`).send({ outcome: 'granted', measures: ['tuition_waiver'] }),
      ]);
      for (const res of answers) {
        expect(res.status).toBe(504);
        expect(res.body.error).toEqual({ code: 'workflow_timeout', message: expect.stringMatching(/did not answer in time/), details: [] });
        expect(res.headers['retry-after']).toBe('5');
      }
    });
  });
});
