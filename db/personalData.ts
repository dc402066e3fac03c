import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PiiKeySettings } from '../config';

/**
 * Personal data at rest: AES-256-GCM with a random 96-bit nonce per value, stored as
 * `<key id>.<base64url(nonce ‖ tag ‖ ciphertext)>` so that keys can rotate (every configured key decrypts,
 * the active one encrypts; `npm run rotate-pii-key` re-encrypts what an older key wrote).
 * ID numbers are also stored as a blind index, HMAC-SHA256 under a key of its own, to find a person without
 * decrypting every row.
 */
export class PersonalDataCipher {
  constructor(private readonly settings: PiiKeySettings) {}

  get activeKeyId(): string {
    return this.settings.activeKeyId;
  }

  encrypt(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.settings.keys[this.settings.activeKeyId], nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${this.settings.activeKeyId}.${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  encryptOptional(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined ? null : this.encrypt(plain);
  }

  decrypt(stored: string): string {
    const dot = stored.indexOf('.');
    const key = dot > 0 ? this.settings.keys[stored.slice(0, dot)] : undefined;
    if (!key) throw new Error(`personal data encrypted under an unknown key id (${dot > 0 ? stored.slice(0, Math.min(dot, 32)) : 'none'}): is it missing from PII_KEYS?`);
    const raw = Buffer.from(stored.slice(dot + 1), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  decryptOptional(stored: string | null): string | null {
    return stored === null ? null : this.decrypt(stored);
  }

  /** The id of the key `stored` was encrypted with. */
  keyIdOf(stored: string): string {
    return stored.slice(0, stored.indexOf('.'));
  }

  /** A keyed fingerprint of any text (e.g. an intake body, to recognise a retried request). */
  fingerprint(text: string): string {
    return createHmac('sha256', this.settings.indexKey).update(`fingerprint:${text}`).digest('hex');
  }

  /** Blind index of a resident ID number: equal numbers give equal hashes, and nothing else can be read from it. */
  idNumberHash(idNumber: string): string {
    return createHmac('sha256', this.settings.indexKey).update(idNumber.trim().toUpperCase()).digest('hex');
  }
}
