import type { Server } from 'node:http';
import request from 'supertest';
import { createApp } from '../../api/app';
import { apiDepsFromConfig } from '../../api/deps';
import { createLogger } from '../../api/logger';
import { loadConfig } from '../../config';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { buildIntake } from '../support/factories';
import { TEST_PII_ENV } from '../support/piiKeys';

describe('HTTP hardening: rate limit, proxies, security headers, body size', () => {
  describe('with a low rate limit and one trusted proxy', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApiHarness({ rateLimitPerMinute: 5, trustProxyHops: 1 });
    });
    afterAll(() => api?.stop());

    test('when a client exceeds the limit, then 429 in the error shape with Retry-After, while other clients and health probes go on', async () => {
      const from = (ip: string) => api.as('window').get('/api/v1/me').set('X-Forwarded-For', ip);
      for (let i = 0; i < 5; i += 1) await from('203.0.113.7').expect(200);
      const limited = await from('203.0.113.7').expect(429);
      expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/too many requests/), details: [] } });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers.ratelimit).toBeDefined();
      // The proxy's X-Forwarded-For names the client: another client has its own allowance.
      await from('198.51.100.9').expect(200);
      // Not even a token-guessing stranger gets past the limit.
      await request(api.server).get('/api/v1/me').set('X-Forwarded-For', '203.0.113.7').expect(429);
      for (let i = 0; i < 8; i += 1) await request(api.server).get('/healthz').set('X-Forwarded-For', '203.0.113.7').expect(200);
    });

    test('when a forged X-Forwarded-For is not an address, then the connection’s address is counted instead', async () => {
      const forged = (value: string) => api.as('admin').get('/api/v1/me').set('X-Forwarded-For', value);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await forged(`not-an-ip-${i}`)).status);
      expect(statuses).toContain(429);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    });
  });

  describe('exposed directly, no proxy trusted', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApiHarness({ rateLimitPerMinute: 3, trustProxyHops: 0 });
    });
    afterAll(() => api?.stop());

    test('when no proxy is trusted, then X-Forwarded-For cannot buy a client fresh allowances', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await api.as('reviewer').get('/api/v1/me').set('X-Forwarded-For', `192.0.2.${i}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    });
  });

  describe('with the settings `npm run dev` and `npm start` read from a bare environment', () => {
    let api: ApiHarness;
    let server: Server;
    beforeAll(async () => {
      api = await startApiHarness();
      const config = loadConfig({ ...TEST_PII_ENV, RATE_LIMIT_PER_MINUTE: '3' });
      server = await new Promise<Server>((resolve) => {
        const s = createApp(apiDepsFromConfig(config, { db: api.db, temporal: api.temporal, logger: createLogger('silent') })).listen(0, config.listenHost, () => resolve(s));
      });
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await api?.stop();
    });

    test('when a client forges X-Forwarded-For, then no proxy is trusted and it cannot buy fresh allowances', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push((await request(server).get('/api/v1/me').set('Authorization', `Bearer ${api.tokens.reviewer}`).set('X-Forwarded-For', `198.51.100.${i}`)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    });

    test('when nothing says otherwise, then the API listens on loopback only; in production on every address, behind no trusted proxy', () => {
      expect(server.address()).toMatchObject({ address: '127.0.0.1' });
      expect(loadConfig(TEST_PII_ENV)).toMatchObject({ listenHost: '127.0.0.1', trustProxyHops: 0 });
      expect(loadConfig({ ...TEST_PII_ENV, NODE_ENV: 'production' })).toMatchObject({ listenHost: '0.0.0.0', trustProxyHops: 0 });
      expect(loadConfig({ ...TEST_PII_ENV, NODE_ENV: 'production', TRUST_PROXY_HOPS: '1', LISTEN_HOST: '10.0.0.5' })).toMatchObject({ listenHost: '10.0.0.5', trustProxyHops: 1 });
    });
  });

  describe('headers and bodies', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApiHarness();
    });
    afterAll(() => api?.stop());

    test.each(['/healthz', '/api/v1/me', '/api/v1/nowhere'])('when %s answers, then it carries helmet’s security headers and no X-Powered-By', async (path) => {
      const res = await api.as('window').get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    test('when an answer carries personal data (a case, an inbox, an intake receipt) or is an error, then it says Cache-Control: no-store', async () => {
      const opened = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201);
      const answers = [
        opened,
        await api.as('window').get(`/api/v1/cases/${opened.body.caseNo}`).expect(200),
        await api.asDepartment('education').get('/api/v1/departments/education/referrals').expect(200),
        await api.as('window').get('/api/v1/cases/20990101-000001').expect(404),
        await request(api.server).get('/api/v1/me').expect(401),
      ];
      for (const res of answers) expect(res.headers['cache-control']).toBe('no-store');
    });

    test('when a body exceeds 100 kB, then 413 in the error shape and nothing is stored', async () => {
      const before = await api.db.selectFrom('persons').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const res = await api.as('window').post('/api/v1/cases').send(buildIntake({ narrative: 'x'.repeat(101 * 1024) })).expect(413);
      expect(res.body).toEqual({ error: { code: 'payload_too_large', message: expect.any(String), details: [] } });
      const after = await api.db.selectFrom('persons').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    test('when a path parameter cannot be decoded, then 400 in the error shape, not 500', async () => {
      const res = await api.as('reviewer').get('/api/v1/cases/%E0%A4%A').expect(400);
      expect(res.body.error.code).toBe('bad_request');
    });

    test('when free text carries a NUL or broken Unicode, then 400 names the field', async () => {
      const res = await api.as('window').post('/api/v1/cases').send(buildIntake({ narrative: 'a\u0000b' })).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'narrative' })]);
      const broken = await api
        .as('window')
        .post('/api/v1/cases')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(buildIntake()).replace('"张秀英"', '"\\ud800张"'))
        .expect(400);
      expect(broken.body.error.details).toEqual([expect.objectContaining({ path: 'applicant.name' })]);
    });
  });
});
