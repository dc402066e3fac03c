import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

const HOUR = 3_600_000;

describe('concurrent actions on one case (dev server)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const openCase = async (overrides: Parameters<typeof buildIntake>[0]) =>
    (await api.as('window').post('/api/v1/cases').send(buildIntake(overrides)).expect(201)).body as { caseNo: string };
  const clockOf = async (caseNo: string, clock: string) =>
    eventually(async () => {
      const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      const found = body.clocks.find((c: { clock: string }) => c.clock === clock);
      if (!found) throw new Error(`${clock} not started yet`);
      return found as { dueAt: string };
    });

  test('when five extensions of one clock arrive at once, then every one that answers 200 moves the deadline', async () => {
    const { caseNo } = await openCase({ needs: ['temporary_emergency'], emergency: { description: '突发重病', requestedAmountYuan: 1000 } });
    const before = await clockOf(caseNo, 'emergency_aid');
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => api.as('reviewer').post(`/api/v1/cases/${caseNo}/clocks/emergency_aid/extend`).send({ reason: `延长 ${i}`, amount: 1 })),
    );
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const granted = answers.filter((a) => a.status === 200).length;
    expect(granted).toBeGreaterThan(0);
    const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
    const after = body.clocks.find((c: { clock: string }) => c.clock === 'emergency_aid');
    expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).toBe(granted * HOUR);
    expect(body.timeline.filter((e: { type: string }) => e.type === 'clock_extended')).toHaveLength(granted);
  });

  test('when civil affairs complete and the reviewer decides at once, on many cases at the same time, then no decision finds the examination pending', async () => {
    const cases = await Promise.all(Array.from({ length: 12 }, () => openCase({ needs: ['temporary_expense'] })));
    const decisions = await Promise.all(
      cases.map(async ({ caseNo }) => {
        await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }).expect(200), 60_000);
        const decided = await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'approve', reason: '家庭医疗支出超过承受能力' });
        return { caseNo, status: decided.status, code: decided.body.error?.code };
      }),
    );
    expect(decisions.filter((d) => d.status !== 200)).toEqual([]);
  });

  test('when a completion is sent twice at once (a retry of a lost answer), then whichever answers 409 does so only once the case knows: the decision sent next is accepted', async () => {
    const cases = await Promise.all(Array.from({ length: 6 }, () => openCase({ needs: ['temporary_expense'] })));
    const decisions = await Promise.all(
      cases.map(async ({ caseNo }) => {
        const complete = () => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted' });
        await eventually(async () => expect((await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body.clocks.map((c: { clock: string }) => c.clock)).toContain('referral:civil_affairs'), 60_000);
        const answers = await Promise.all([complete(), complete()]);
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
        const refused = answers.find((a) => a.status === 409)!;
        expect(refused.body.error.code).toBe('referral_already_completed');
        const decided = await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'approve', reason: '家庭医疗支出超过承受能力' });
        return { caseNo, status: decided.status, code: decided.body.error?.code };
      }),
    );
    expect(decisions.filter((d) => d.status !== 200)).toEqual([]);
  });
});
