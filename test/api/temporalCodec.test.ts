import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import request from 'supertest';
import { CODEC_COOKIE, CODEC_SESSION_HOURS } from '../../api/codecSession';
import { PayloadCipherCodec } from '../../temporal/payloadCodec';
import { startApiHarness, TEMPORAL_UI_ORIGIN, type ApiHarness } from '../support/apiHarness';
import { testPayloadKeys } from '../support/piiKeys';

const asJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const valueOf = (p: { metadata: Record<string, string>; data: string }) =>
  defaultPayloadConverter.fromPayload({
    metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data, 'base64'),
  });

/** Issue 11 item 3: the codec endpoint the Temporal Web UI decodes payloads with. */
describe('the codec endpoint of the Temporal Web UI', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const encode = async (value: unknown, activeKeyId = 'k1') => asJson((await new PayloadCipherCodec(testPayloadKeys(activeKeyId)).encode([defaultPayloadConverter.toPayload(value)!]))[0]);
  const decode = (payloads: unknown[], agent = api.as('admin')) => agent.post('/api/v1/temporal-codec/decode').set('Origin', TEMPORAL_UI_ORIGIN).send({ payloads });

  test('when an administrator decodes payloads of either key, and a plain one, then each comes back in the clear, in order', async () => {
    const plain = asJson(defaultPayloadConverter.toPayload({ stage: 'intake' })!);
    const res = await decode([await encode({ caseNo: '20261124-000001' }), await encode(['学费减免'], 'k2'), plain]).expect(200);
    expect(res.body.payloads.map(valueOf)).toEqual([{ caseNo: '20261124-000001' }, ['学费减免'], { stage: 'intake' }]);
    expect(res.headers['access-control-allow-origin']).toBe(TEMPORAL_UI_ORIGIN);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('when a payload was tampered with, then 400 names it', async () => {
    const good = await encode('x');
    const data = Buffer.from(good.data, 'base64');
    data[data.length - 1] ^= 1;
    const res = await decode([good, { ...good, data: data.toString('base64') }]).expect(400);
    expect(res.body.error.details).toEqual([{ path: 'payloads.1', message: expect.stringMatching(/cannot decrypt/) }]);
  });

  test('when the Web UI asks first (CORS preflight), then its origin is allowed with the Authorization header, and another origin is not', async () => {
    const preflight = await request(api.server)
      .options('/api/v1/temporal-codec/decode')
      .set('Origin', TEMPORAL_UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(TEMPORAL_UI_ORIGIN);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const stranger = await request(api.server).options('/api/v1/temporal-codec/decode').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const res = await api.as('reviewer').post('/api/v1/temporal-codec/decode').set('Origin', 'https://evil.example').send({ payloads: [await encode('x')] }).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('when the caller is anonymous, a window or a department, then nothing is decoded (401, 403)', async () => {
    const payloads = [await encode({ caseNo: '20261124-000001' })];
    await request(api.server).post('/api/v1/temporal-codec/decode').set('Origin', TEMPORAL_UI_ORIGIN).send({ payloads }).expect(401);
    await decode(payloads, api.as('window')).expect(403);
    await decode(payloads, api.asDepartment('education')).expect(403);
  });

  test('when the body is not payloads, then 400 names the field; there is no encode endpoint', async () => {
    const res = await decode([{ metadata: { encoding: '!!!' }, data: 'x' }]).expect(400);
    expect(res.body.error.details[0].path).toBe('payloads.0.metadata.encoding');
    await api.as('admin').post('/api/v1/temporal-codec/encode').send({ payloads: [] }).expect(404);
  });

  /** The Set-Cookie of a response, as the browser would keep it: its value and attributes. */
  const codecCookieOf = (res: request.Response) => {
    const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${CODEC_COOKIE}=`));
    if (!header) throw new Error('no codec cookie set');
    return { header, pair: header.split(';')[0] };
  };

  test('when a reviewer opens a codec session, then an HttpOnly, SameSite=Strict cookie on the codec path decodes without a token, and only there', async () => {
    const opened = await api.as('reviewer').post('/api/v1/temporal-codec/session').expect(201);
    const { header, pair } = codecCookieOf(opened);
    expect(header).toMatch(/; Path=\/api\/v1\/temporal-codec/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Strict/);
    const hours = (Date.parse(opened.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(CODEC_SESSION_HOURS - 0.1);
    expect(hours).toBeLessThanOrEqual(CODEC_SESSION_HOURS);

    // The Web UI's call: its origin, the cookie, no Authorization header.
    const res = await request(api.server).post('/api/v1/temporal-codec/decode').set('Origin', TEMPORAL_UI_ORIGIN).set('Cookie', pair).send({ payloads: [await encode({ caseNo: '20261124-000009' })] }).expect(200);
    expect(res.body.payloads.map(valueOf)).toEqual([{ caseNo: '20261124-000009' }]);
    expect(res.headers['access-control-allow-credentials']).toBe('true');

    // The cookie's token is good for the codec and nothing else, as a cookie or as a bearer token.
    await request(api.server).get('/api/v1/me').set('Cookie', pair).expect(401);
    await api.asToken(pair.split('=')[1]).get('/api/v1/me').expect(401);
    await api.asToken(pair.split('=')[1]).post('/api/v1/temporal-codec/decode').send({ payloads: [] }).expect(401);
  });

  test('when the codec session is closed, then its cookie is cleared and refused; a window cannot open one', async () => {
    const { pair } = codecCookieOf(await api.as('admin').post('/api/v1/temporal-codec/session').expect(201));
    const closed = await request(api.server).delete('/api/v1/temporal-codec/session').set('Cookie', pair).expect(204);
    expect(codecCookieOf(closed).header).toMatch(/Expires=Thu, 01 Jan 1970/);
    const refused = await request(api.server).post('/api/v1/temporal-codec/decode').set('Cookie', pair).send({ payloads: [await encode('x')] }).expect(401);
    expect(refused.body.error.message).toMatch(/codec session is invalid or expired/);
    await api.as('window').post('/api/v1/temporal-codec/session').expect(403);
  });
});
