import { sql } from 'kysely';
import request from 'supertest';
import { claimNamespace } from '../../api/deploymentBinding';
import { createLogger } from '../../api/logger';
import { startMissingWorkflows } from '../../api/workflowReconciler';
import { dropDatabase } from '../../db/connect';
import { prepareDatabase } from '../../scripts/migrate';
import { caseWorkflowId } from '../../workflows/messages';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { storeCase } from '../support/cases';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

describe('a case and its workflow belong together (dev server)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  test('when a case was committed but its workflow never started, then a reconciler pass starts it, once', async () => {
    // Every other case of the run's database counts as started: this test's case is the only one missing.
    await sql`update cases set workflow_started_at = now() where workflow_started_at is null`.execute(api.db);
    const { caseNo } = await storeCase(api.db, ['dibao', 'education']);
    const deps = { db: api.db, temporal: api.temporal, taskQueue: api.taskQueue, logger: createLogger('silent'), workflowAnswerMs: 10_000 };
    expect(await startMissingWorkflows(deps, { minAgeMs: 0 })).toEqual({ started: 1, failed: 0 });
    const described = await api.temporal.workflow.getHandle(caseWorkflowId(caseNo)).describe();
    expect(described.status.name).toBe('RUNNING');
    expect(await startMissingWorkflows(deps, { minAgeMs: 0 })).toEqual({ started: 0, failed: 0 });
    // The case works: its referral can be completed.
    await eventually(() => api.asDepartment('education').post(`/api/v1/referrals/${caseNo}-education/complete`).send({ outcome: 'granted' }).expect(200), 60_000);
  });

  test('when the database is re-created beside a kept Temporal server and a case number repeats, then intake and every action answer 503 workflow_of_another_case', async () => {
    // The first deployment claims the namespace and opens a case; its workflow runs.
    await claimNamespace(api);
    const old = (await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao'] })).expect(201)).body;
    const sequence = Number(old.caseNo.split('-')[1]);

    const recreatedUrl = `${process.env.TEST_DATABASE_URL}_recreated`;
    await prepareDatabase(recreatedUrl);
    const recreated = await startApiHarness({ databaseUrl: recreatedUrl });
    try {
      await sql`select setval('case_no_seq', ${sequence - 1})`.execute(recreated.db);
      const opened = await recreated.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao'] })).expect(503);
      expect(opened.body.error.code).toBe('workflow_of_another_case');
      const [row] = await recreated.db.selectFrom('cases').select('case_no').execute();
      expect(row.case_no).toBe(old.caseNo);

      const decided = await recreated.as('reviewer').post(`/api/v1/cases/${old.caseNo}/decision`).send({ decision: 'reject', reason: '不符合条件' }).expect(503);
      expect(decided.body.error.code).toBe('workflow_of_another_case');
      const completed = await recreated.asDepartment('civil_affairs').post(`/api/v1/referrals/${old.caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }).expect(503);
      expect(completed.body.error.code).toBe('workflow_of_another_case');
      const extended = await recreated.as('reviewer').post(`/api/v1/cases/${old.caseNo}/clocks/approval/extend`).send({ reason: '入户调查', amount: 1 }).expect(503);
      expect(extended.body.error.code).toBe('workflow_of_another_case');

      const ready = await request(recreated.server).get('/readyz').expect(503);
      expect(ready.body).toMatchObject({ status: 'not_ready', deployment: 'mismatch' });
      await request(api.server).get('/readyz').expect(200);
    } finally {
      await recreated.stop();
      await dropDatabase(recreatedUrl);
    }
    // The first deployment's case is untouched and still answers.
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${old.caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }).expect(200), 60_000);
  });
});
