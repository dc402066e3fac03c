import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { ENCRYPTED_ENCODING, isEncryptedPayload, PayloadCipherCodec } from '../../temporal/payloadCodec';

const ring = (active: string, ...ids: string[]) => {
  const keys = Object.fromEntries(ids.map((id) => [id, KEYS[id]]));
  return new PayloadCipherCodec({ keys, activeKeyId: active });
};
const KEYS: Record<string, Buffer> = { k1: randomBytes(32), k2: randomBytes(32) };
const payload = (value: unknown) => defaultPayloadConverter.toPayload(value)!;
const text = (p: { data?: Uint8Array | null }) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8');

describe('the Temporal payload codec: AES-256-GCM with key ids', () => {
  test('when a payload is encoded, then it is marked encrypted, names its key, hides its content and decodes to the original', async () => {
    const codec = ring('k1', 'k1');
    const original = payload({ caseNo: '20261124-000001', outcome: 'granted' });
    const [encoded] = await codec.encode([original]);
    expect(isEncryptedPayload(encoded)).toBe(true);
    expect(Buffer.from(encoded.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encoded.metadata!['encryption-key-id']!).toString()).toBe('k1');
    expect(text(encoded)).not.toContain('20261124');
    expect(text(encoded)).not.toContain('json/plain');
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ caseNo: '20261124-000001', outcome: 'granted' });
    const [again] = await codec.encode([original]);
    expect(Buffer.from(again.data!).equals(Buffer.from(encoded.data!))).toBe(false);
  });

  test('when the active key rotates, then payloads of the older key still decode; without that key, decoding fails', async () => {
    const [old] = await ring('k1', 'k1').encode([payload('记录')]);
    const [decoded] = await ring('k2', 'k1', 'k2').decode([old]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toBe('记录');
    await expect(ring('k2', 'k2').decode([old])).rejects.toThrow(/unknown key id \(k1\)/);
  });

  test('when a payload was tampered with, then decoding fails', async () => {
    const [encoded] = await ring('k1', 'k1').encode([payload('x')]);
    const data = Buffer.from(encoded.data!);
    data[data.length - 1] ^= 1;
    await expect(ring('k1', 'k1').decode([{ ...encoded, data }])).rejects.toThrow();
  });

  test('when a payload was never encrypted (a history from before the codec), then decoding passes it through unchanged', async () => {
    const plain = payload({ caseNo: '20261101-000001' });
    expect(await ring('k1', 'k1').decode([plain])).toEqual([plain]);
  });
});
