import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { AesGcmKeyRing, type KeyRingSettings } from '../db/keyRing';

/** How an encrypted payload is marked (the convention of Temporal's encryption samples). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';

const { Payload: PayloadMessage } = temporal.api.common.v1;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** True when `payload` is one this codec encrypted. */
export function isEncryptedPayload(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}

/**
 * Every workflow payload — inputs, results, update and signal arguments, activity inputs and results — is
 * AES-256-GCM ciphertext in Temporal: the whole payload (metadata and data) is sealed under the active key, its
 * key id in the clear beside it, so that keys rotate like the personal-data keys. Search attributes do not pass
 * through codecs: they stay plain codes.
 *
 * Decoding passes through payloads that are not encrypted: histories written before the codec (running
 * workflows at the upgrade, the recorded histories the replay test uses) stay readable. See docs/payload-codec.md.
 */
export class PayloadCipherCodec implements PayloadCodec {
  private readonly ring: AesGcmKeyRing;

  constructor(keys: KeyRingSettings) {
    this.ring = new AesGcmKeyRing(keys);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { keyId, sealed } = this.ring.seal(PayloadMessage.encode(payload).finish());
      return { metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID]: utf8(keyId) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (!isEncryptedPayload(payload)) return payload;
      const keyId = payload.metadata?.[KEY_ID];
      const plain = this.ring.open(keyId ? Buffer.from(keyId).toString('utf8') : '', payload.data ?? new Uint8Array());
      return PayloadMessage.decode(plain) as Payload;
    });
  }
}

/** The data converter of every Temporal client and worker of the service: payloads sealed under `keys`. */
export function encryptingDataConverter(keys: KeyRingSettings): DataConverter {
  return { payloadCodecs: [new PayloadCipherCodec(keys)] };
}
