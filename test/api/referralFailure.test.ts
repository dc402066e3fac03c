import { caseStatusQuery, caseWorkflowId, referralStateQuery, referralWorkflowId } from '../../workflows/messages';
import { Blocked } from '../../workflows/searchAttributes';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

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
});
