import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import request from 'supertest';
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
});
