import { createHmac } from 'node:crypto';
import type { PiiKeySettings } from '../config';
import { AesGcmKeyRing } from './keyRing';

/**
 * Personal data at rest: AES-256-GCM with a random 96-bit nonce per value, stored as
 * `<key id>.<base64url(nonce ‖ tag ‖ ciphertext)>` so that keys can rotate (every configured key decrypts,
 * the active one encrypts; `npm run rotate-pii-key` re-encrypts what an older key wrote).
 * ID numbers are also stored as a blind index, HMAC-SHA256 under a key of its own, to find a person without
 * decrypting every row.
 */
export class PersonalDataCipher {
  private readonly ring: AesGcmKeyRing;

  constructor(private readonly settings: PiiKeySettings) {
    this.ring = new AesGcmKeyRing(settings);
  }

  get activeKeyId(): string {
    return this.settings.activeKeyId;
  }

  encrypt(plain: string): string {
    const { keyId, sealed } = this.ring.seal(Buffer.from(plain, 'utf8'));
    return `${keyId}.${sealed.toString('base64url')}`;
  }

  encryptOptional(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined ? null : this.encrypt(plain);
  }

  decrypt(stored: string): string {
    const dot = stored.indexOf('.');
    try {
      return this.ring.open(dot > 0 ? stored.slice(0, dot) : '', Buffer.from(stored.slice(dot + 1), 'base64url')).toString('utf8');
    } catch (err) {
      throw new Error(`personal data: ${(err as Error).message} (PII_KEYS)`);
    }
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
