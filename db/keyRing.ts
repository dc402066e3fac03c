import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Keys by id, and the id of the one that encrypts: every key decrypts what it once encrypted (rotation). */
export interface KeyRingSettings {
  /** key id → 32-byte key */
  keys: Record<string, Buffer>;
  activeKeyId: string;
}

/**
 * AES-256-GCM under a ring of keys, with a random 96-bit nonce per value: sealed bytes are
 * `nonce ‖ tag ‖ ciphertext`, and the caller stores the key id alongside. Shared by the personal-data cipher
 * (db/personalData.ts) and the Temporal payload codec (temporal/payloadCodec.ts), so that both rotate the same way.
 */
export class AesGcmKeyRing {
  constructor(private readonly settings: KeyRingSettings) {}

  get activeKeyId(): string {
    return this.settings.activeKeyId;
  }

  seal(plain: Uint8Array): { keyId: string; sealed: Buffer } {
    const keyId = this.settings.activeKeyId;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.settings.keys[keyId], nonce);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { keyId, sealed: Buffer.concat([nonce, cipher.getAuthTag(), body]) };
  }

  /** The plain bytes; throws when the key id is not in the ring or the bytes were tampered with. */
  open(keyId: string, sealed: Uint8Array): Buffer {
    const key = Object.hasOwn(this.settings.keys, keyId) ? this.settings.keys[keyId] : undefined;
    if (!key) throw new Error(`encrypted under an unknown key id (${keyId.slice(0, 32) || 'none'}): is it missing from the configured keys?`);
    const raw = Buffer.from(sealed);
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }
}
