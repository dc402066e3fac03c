import { randomBytes } from 'node:crypto';
import { loadConfig, parsePiiKeys } from '../../config';
import { PersonalDataCipher } from '../../db/personalData';

const key = () => randomBytes(32).toString('base64');

describe('PersonalDataCipher: AES-256-GCM with key ids, and a blind index', () => {
  const k1 = key();
  const k2 = key();
  const index = key();
  const both = (active: string) => new PersonalDataCipher(parsePiiKeys(`k1:${k1},k2:${k2}`, active, index));

  test('when a value is encrypted, then it reads back, names its key, and differs every time', () => {
    const pii = both('k2');
    const a = pii.encrypt('欧阳秀兰');
    expect(a).toMatch(/^k2\.[A-Za-z0-9_-]+$/);
    expect(pii.keyIdOf(a)).toBe('k2');
    expect(pii.decrypt(a)).toBe('欧阳秀兰');
    expect(pii.encrypt('欧阳秀兰')).not.toBe(a);
    expect(pii.decryptOptional(pii.encryptOptional(null))).toBeNull();
  });

  test('when the active key changes, then values of the older key still decrypt', () => {
    const old = both('k1').encrypt('13905367788');
    expect(both('k2').decrypt(old)).toBe('13905367788');
  });

  test('when a key is missing, then decryption fails naming the key id; when ciphertext was tampered with, then it fails', () => {
    const value = both('k2').encrypt('110105194912310029');
    const onlyK1 = new PersonalDataCipher(parsePiiKeys(`k1:${k1}`, undefined, index));
    expect(() => onlyK1.decrypt(value)).toThrow(/unknown key id \(k2\)/);
    const raw = Buffer.from(value.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => both('k2').decrypt(`k2.${raw.toString('base64url')}`)).toThrow();
  });

  test('when ID numbers are indexed, then equal numbers match whatever the case of X, and another index key gives other hashes', () => {
    const pii = both('k1');
    expect(pii.idNumberHash('11010519491231002x')).toBe(pii.idNumberHash('11010519491231002X'));
    expect(pii.idNumberHash('11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
    const other = new PersonalDataCipher(parsePiiKeys(`k1:${k1}`, 'k1', key()));
    expect(other.idNumberHash('11010519491231002X')).not.toBe(pii.idNumberHash('11010519491231002X'));
    expect(pii.fingerprint('{"a":1}')).not.toBe(pii.idNumberHash('{"a":1}'));
  });

  test.each([
    ['k1:short', 'k1', /exactly 32 bytes/],
    [`k1:${key()},k1:${key()}`, 'k1', /twice/],
    [`k1:${key()},k2:${key()}`, undefined, /PII_ACTIVE_KEY must name/],
    [`k1:${key()}`, 'k9', /not among/],
    [`bad id:${key()}`, undefined, /key id/],
    ['', undefined, /no key/],
  ])('when PII_KEYS is %j (active %s), then the configuration is refused', (keys, active, reason) => {
    expect(() => parsePiiKeys(keys, active, key())).toThrow(reason);
  });

  test('when NODE_ENV is production and no keys are set, then the service refuses to start; with keys, it uses them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/required in production/);
    expect(() => loadConfig({ PII_KEYS: `k1:${key()}` })).toThrow(/both PII_KEYS and PII_INDEX_KEY/);
    const config = loadConfig({ NODE_ENV: 'production', PII_KEYS: `p1:${k1}`, PII_INDEX_KEY: index });
    expect(config.pii.activeKeyId).toBe('p1');
    expect(config.pii.keys.p1.equals(Buffer.from(k1, 'base64'))).toBe(true);
  });
});
