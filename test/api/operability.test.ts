import request from 'supertest';
import pino from 'pino';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';
import { PinoTemporalLogger } from '../../worker/runtime';

const metricValue = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no series ${series}`);
  return Number(line.slice(series.length + 1));
};

describe('operability: /metrics, request logs with case and workflow, worker logs', () => {
  const logLines: string[] = [];
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ logLines });
  });
  afterAll(() => api?.stop());

  test('when Prometheus scrapes /metrics from the same host, then it finds request latencies per route template, intakes and open clocks per SLA state, and no case number', async () => {
    const before = (await request(api.server).get('/metrics').expect(200)).text;
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201);
    await api.as('window').get(`/api/v1/cases/${opened.caseNo}`).expect(200);

    const onTrack = 'one_door_open_clocks{sla_state="on_track"}';
    const text = await eventually(async () => {
      const res = await request(api.server).get('/metrics').expect(200).expect('Content-Type', /text\/plain/);
      // The approval clock and the two referral clocks of the new case are running (other tests' clocks may be too).
      if (metricValue(res.text, onTrack) < metricValue(before, onTrack) + 3) throw new Error('clocks not recorded yet');
      return res.text;
    });
    expect(metricValue(text, 'one_door_intakes_total{result="opened"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/one_door_http_request_duration_seconds_bucket\{le="[\d.]+",method="POST",route="\/api\/v1\/cases",status="201"\}/);
    expect(text).toContain('route="/api/v1/cases/:caseNo"');
    expect(text).toMatch(/^one_door_open_clocks\{sla_state="breached"\} \d+$/m);
    expect(text).toMatch(/^one_door_clock_breaches \d+$/m);
    expect(text).toMatch(/^one_door_notifications_unread \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).not.toContain(opened.caseNo);
  });

  test('when a request concerns a case or a referral, then its JSON log line carries caseNo, workflowId and the request id', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').set('X-Request-Id', 'ops-intake-1').send(buildIntake({ needs: ['education'] })).expect(201);
    const referral = `${opened.caseNo}-education`;
    await eventually(() => api.asDepartment('education').post(`/api/v1/referrals/${referral}/complete`).set('X-Request-Id', 'ops-complete-1').send({ outcome: 'granted' }).expect(200));

    const lines = logLines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown> & { req?: { id?: string } });
    // The request id is the server's own, then the client's (`<server id>/<client id>`).
    const of = (id: string) => lines.find((l) => l.req?.id?.endsWith(`/${id}`) && l.msg === 'request completed');
    expect(of('ops-intake-1')).toMatchObject({ caseNo: opened.caseNo, workflowId: `case-${opened.caseNo}` });
    expect(of('ops-complete-1')).toMatchObject({ caseNo: opened.caseNo, workflowId: `case-${referral}` });
  });

  test('when the worker logs, then each entry is one JSON line with its workflow and case, personal data still redacted', () => {
    const lines: string[] = [];
    const logger = new PinoTemporalLogger(pino({ redact: ['name'] }, { write: (l: string) => void lines.push(l) }));
    logger.info('case closed', { workflowId: 'case-20261125-000001', caseNo: '20261125-000001', name: '张秀英' });
    logger.log('WARN', 'activity retry', { activityType: 'recordClock' });
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, msg: 'case closed', workflowId: 'case-20261125-000001', caseNo: '20261125-000001', name: '[Redacted]' });
    expect(JSON.parse(lines[1])).toMatchObject({ level: 40, msg: 'activity retry', activityType: 'recordClock' });
  });
});

describe('who may read /metrics when METRICS_TOKEN is set', () => {
  const token = 'scraper-token-0123456789abcdef';
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ metricsToken: token });
  });
  afterAll(() => api?.stop());

  test('when the scraper sends no token or a wrong one, then 403 in the error shape; with the token, then the metrics', async () => {
    const refused = await request(api.server).get('/metrics').expect(403);
    expect(refused.body).toEqual({ error: { code: 'forbidden', message: expect.stringMatching(/METRICS_TOKEN/), details: [] } });
    await request(api.server).get('/metrics').set('Authorization', 'Bearer not-the-token-at-all').expect(403);
    // A staff member's token is no scraper's.
    await request(api.server).get('/metrics').set('Authorization', `Bearer ${api.tokens.admin}`).expect(403);
    const res = await request(api.server).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.text).toContain('one_door_http_request_duration_seconds');
  });
});
