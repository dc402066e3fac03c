import { caseStatusQuery, caseWorkflowId, referralStateQuery, referralWorkflowId } from '../../workflows/messages';
import { Blocked } from '../../workflows/searchAttributes';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';
import { ensurePrincipals, USERNAMES } from '../support/principals';

describe('a failed referral workflow (dev server)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  test('when a referral workflow is terminated, then its case keeps running, waiting for that department, blocked and with the failure in its timeline', async () => {
    const { caseNo } = (await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201)).body;
    const referral = api.temporal.workflow.getHandle(referralWorkflowId(caseNo, 'education'));
    await eventually(() => referral.query(referralStateQuery));
    await referral.terminate('an administrator ended it by mistake');
    const timeline = await eventually(async () => {
      const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      const failed = body.timeline.filter((e: { type: string }) => e.type === 'referral_failed');
      expect(failed.map((e: { detail: { department: string } }) => e.detail.department)).toEqual(['education']);
      return body.timeline;
    });
    expect(timeline.length).toBeGreaterThan(1);
    const handle = api.temporal.workflow.getHandle(caseWorkflowId(caseNo));
    const described = await handle.describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.get(Blocked)).toEqual(['referral:education']);
    expect((await handle.query(caseStatusQuery)).pendingDepartments).toContain('education');
    await handle.terminate('test finished');
  });

  test("when a referral workflow fails, then its case is in the county's blocked list for administrators and reviewers, and not in another county's", async () => {
    await ensurePrincipals(api.db);
    const elsewhere = await api.tokenFor(USERNAMES.adminElsewhere);
    const { caseNo } = (await api.as('window').post('/api/v1/cases').send(buildIntake({ township: '370725001', needs: ['dibao', 'education'] })).expect(201)).body;
    const unblocked = caseWorkflowId((await api.as('window').post('/api/v1/cases').send(buildIntake({ township: '370725001', needs: ['dibao', 'education'] })).expect(201)).body.caseNo);
    const referral = api.temporal.workflow.getHandle(referralWorkflowId(caseNo, 'education'));
    await eventually(() => referral.query(referralStateQuery));
    await referral.terminate('an administrator ended it by mistake');
    const workflowId = caseWorkflowId(caseNo);
    const listed = await eventually(async () => {
      const { body } = await api.as('admin').get('/api/v1/admin/blocked?limit=200').expect(200);
      const item = body.items.find((i: { workflowId: string }) => i.workflowId === workflowId);
      expect(item).toBeDefined();
      return item;
    });
    expect(listed).toEqual({
      workflowId,
      workflowType: 'caseWorkflow',
      caseNo,
      township: '370725001',
      blocked: ['referral:education'],
      stage: expect.any(String),
      startedAt: expect.any(String),
      temporalUiPath: `/namespaces/default/workflows/${encodeURIComponent(workflowId)}`,
    });
    const reviewer = await api.as('reviewer').get('/api/v1/admin/blocked?limit=200').expect(200);
    expect(reviewer.body.items.map((i: { workflowId: string }) => i.workflowId)).toContain(workflowId);
    expect(reviewer.body.items.map((i: { workflowId: string }) => i.workflowId)).not.toContain(unblocked);
    const other = await api.asToken(elsewhere).get('/api/v1/admin/blocked?limit=200').expect(200);
    expect(other.body.items.map((i: { workflowId: string }) => i.workflowId)).not.toContain(workflowId);
    await Promise.all([workflowId, unblocked].map((id) => api.temporal.workflow.getHandle(id).terminate('test finished')));
    await eventually(async () => {
      const { body } = await api.as('admin').get('/api/v1/admin/blocked?limit=200').expect(200);
      expect(body.items.map((i: { workflowId: string }) => i.workflowId)).not.toContain(workflowId);
    });
  });

  test('when the limit is 1 and more than one workflow is blocked, then one is listed and the list says it is truncated', async () => {
    const blocked: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { caseNo } = (await api.as('window').post('/api/v1/cases').send(buildIntake({ township: '370725001', needs: ['dibao', 'education'] })).expect(201)).body;
      const referral = api.temporal.workflow.getHandle(referralWorkflowId(caseNo, 'education'));
      await eventually(() => referral.query(referralStateQuery));
      await referral.terminate('an administrator ended it by mistake');
      blocked.push(caseWorkflowId(caseNo));
    }
    await eventually(async () => {
      const { body } = await api.as('admin').get('/api/v1/admin/blocked?limit=200').expect(200);
      expect(body.items.map((i: { workflowId: string }) => i.workflowId)).toEqual(expect.arrayContaining(blocked));
    });
    const { body } = await api.as('admin').get('/api/v1/admin/blocked?limit=1').expect(200);
    expect(body.items).toHaveLength(1);
    expect(body.truncated).toBe(true);
    await Promise.all(blocked.map((id) => api.temporal.workflow.getHandle(id).terminate('test finished')));
  });
});
