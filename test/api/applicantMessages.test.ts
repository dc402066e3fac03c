import { enqueueApplicantMessage, messagesOfCase } from '../../db/repositories/applicantMessages';
import { deliverOnce, loggingSmsGateway, type SmsGateway } from '../../worker/messageDelivery';
import { decideAtTownship } from '../support/review';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/** The applicant hears back: the outbox filled by the process, and the delivery worker that sends each message once. */
describe('messages to the applicant', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  /** The default gateway, its log lines kept. */
  const loggedGateway = () => {
    const lines: Array<{ messageId: string; to: string; text: string }> = [];
    return { lines, gateway: loggingSmsGateway({ info: (line: object) => void lines.push(line as (typeof lines)[number]) } as never) };
  };
  /** Delivers until this case's messages are all sent (other tests' messages may be delivered along the way). */
  const deliverAll = (gateway: SmsGateway) => deliverOnce(api.db, api.pii, gateway, { limit: 1000 });

  test('when a case is accepted, examined and decided, then the applicant gets one zh-CN message for each, sent once, the phone masked in the log', async () => {
    const intake = buildIntake({ needs: ['dibao'] });
    const { body } = await api.as('window').post('/api/v1/cases').set('Idempotency-Key', `messages-${Date.now()}`).send(intake).expect(201);
    const caseNo = body.caseNo as string;
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted', measures: ['dibao_included'] }).expect(200));
    // The case workflow learns of the completed examination a moment after the department's answer.
    await eventually(() => decideAtTownship(api, caseNo, 'reject', '家庭人均收入高于当地低保标准').then((r) => expect(r.status).toBe(200)));
    const { lines, gateway } = loggedGateway();

    await deliverAll(gateway);
    await deliverAll(gateway);

    const messages = await messagesOfCase(api.db, caseNo);
    expect(messages.map((m) => [m.event_key, m.status, m.attempts, m.provider])).toEqual([
      ['accepted', 'sent', 1, 'log'],
      ['referral:civil_affairs', 'sent', 1, 'log'],
      ['decision', 'sent', 1, 'log'],
    ]);
    expect(messages[0].body).toMatch(new RegExp(`^您的救助申请已受理，案件号${caseNo}。还需提交：.*家庭收入情况声明`));
    expect(messages[1].body).toBe(`您的案件${caseNo}：县民政局已办结，结果：予以办理。`);
    expect(messages[2].body).toContain('不予救助');
    const mine = lines.filter((l) => l.text.includes(caseNo));
    expect(mine).toHaveLength(3);
    for (const line of mine) expect(line.to).toBe('138****1234');
    expect(JSON.stringify(lines)).not.toContain(intake.applicant.phone);
    expect(JSON.stringify(lines)).not.toContain(intake.applicant.name);
  });

  test('when the gateway fails, then the message waits for its next attempt and is sent once when it comes', async () => {
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['education'] })).expect(201);
    const caseNo = body.caseNo as string;
    const failing: SmsGateway = {
      name: 'flaky',
      async send() {
        throw new Error('gateway timeout');
      },
    };
    await deliverAll(failing);
    const [waiting] = await messagesOfCase(api.db, caseNo);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    const { lines, gateway } = loggedGateway();
    await deliverAll(gateway);
    expect(lines.filter((l) => l.text.includes(caseNo))).toHaveLength(0);

    await deliverOnce(api.db, api.pii, gateway, { limit: 1000, now: new Date(Date.now() + 31_000) });
    expect((await messagesOfCase(api.db, caseNo))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(lines.filter((l) => l.text.includes(caseNo))).toHaveLength(1);
  });

  test('when four delivery workers race over forty messages, then each message is sent exactly once', async () => {
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['medical'] })).expect(201);
    const caseNo = body.caseNo as string;
    for (let i = 0; i < 40; i += 1) await enqueueApplicantMessage(api.db, `test:${i}`, { template: 'notice_period', caseNo, noticeEnds: '2026-12-08' }, new Date());
    const sends = new Map<string, number>();
    const counting: SmsGateway = {
      name: 'counting',
      async send({ messageId }) {
        sends.set(messageId, (sends.get(messageId) ?? 0) + 1);
        await new Promise((resolve) => setImmediate(resolve));
        return { providerMessageId: `c-${messageId}` };
      },
    };

    await Promise.all(Array.from({ length: 4 }, () => deliverOnce(api.db, api.pii, counting, { limit: 10 })));
    await deliverAll(counting);

    const messages = await messagesOfCase(api.db, caseNo);
    expect(messages.filter((m) => m.event_key.startsWith('test:') && m.status === 'sent')).toHaveLength(40);
    expect(messages.find((m) => m.event_key === 'test:0')!.body).toBe(`您的案件${caseNo}拟予批准，现予公示，公示期至2026-12-08。`);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(sends.size).toBeGreaterThanOrEqual(41);
  });
});
