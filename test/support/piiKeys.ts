import { createHash } from 'node:crypto';
import { parsePiiKeys } from '../../config';
import type { KeyRingSettings } from '../../db/keyRing';
import { PersonalDataCipher } from '../../db/personalData';

const fixedKey = (label: string) => createHash('sha256').update(`one-door test key ${label}`).digest('base64');

/** The tests' personal-data keys: fixed, never used anywhere else. k1 is active; k2 exists for the rotation test. */
export const TEST_PII_ENV = {
  PII_KEYS: `k1:${fixedKey('k1')},k2:${fixedKey('k2')}`,
  PII_ACTIVE_KEY: 'k1',
  PII_INDEX_KEY: fixedKey('index'),
};

export function testCipher(activeKeyId = 'k1'): PersonalDataCipher {
  return new PersonalDataCipher(parsePiiKeys(TEST_PII_ENV.PII_KEYS, activeKeyId, TEST_PII_ENV.PII_INDEX_KEY));
}

/** The tests' payload-codec keys: the personal-data key ring, as when TEMPORAL_PAYLOAD_KEYS is unset. */
export function testPayloadKeys(activeKeyId = 'k1'): KeyRingSettings {
  const { keys } = parsePiiKeys(TEST_PII_ENV.PII_KEYS, activeKeyId, TEST_PII_ENV.PII_INDEX_KEY);
  return { keys, activeKeyId };
}
