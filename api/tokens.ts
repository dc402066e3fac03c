import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isStaffDisabled } from '../db/repositories/staff';
import { insertStaffToken } from '../db/repositories/staffTokens';

/**
 * Staff bearer tokens: `odt_` and 32 random bytes in base64url. Only their SHA-256 is stored (a token has
 * 256 bits of entropy, so a fast hash is enough: nothing can be guessed from it); shown once, at issue.
 */
export const TOKEN_PREFIX = 'odt_';
const TOKEN_SHAPE = /^odt_[A-Za-z0-9_-]{43}$/;

export const isTokenShaped = (value: string): boolean => TOKEN_SHAPE.test(value);

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export interface IssuedToken {
  token: string;
  tokenId: number;
  expiresAt: Date;
}

export class StaffDisabledError extends Error {
  constructor(staffId: number) {
    super(`staff member ${staffId} is disabled: no token is issued`);
  }
}

/** Issues a new token for a staff member (never a disabled one); the returned `token` is the only copy there will ever be. */
export async function issueToken(db: Kysely<Database>, staffId: number, options: { lifetimeDays: number; label: string }): Promise<IssuedToken> {
  if (await isStaffDisabled(db, staffId)) throw new StaffDisabledError(staffId);
  const token = generateToken();
  const expiresAt = new Date(Date.now() + options.lifetimeDays * 86_400_000);
  const row = await insertStaffToken(db, { staffId, tokenHash: hashToken(token), label: options.label, expiresAt });
  return { token, tokenId: row.id, expiresAt: row.expires_at };
}
