import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

export async function insertStaffToken(db: Kysely<Database>, t: { staffId: number; tokenHash: string; label: string; expiresAt: Date }) {
  return db
    .insertInto('staff_tokens')
    .values({ staff_id: t.staffId, token_hash: t.tokenHash, label: t.label, expires_at: t.expiresAt })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** The staff member a token belongs to, when the token is neither revoked nor expired and they are not disabled. */
export async function staffByTokenHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('staff_tokens')
    .innerJoin('staff', 'staff.id', 'staff_tokens.staff_id')
    .select(['staff_tokens.id as token_id', 'staff_tokens.label', 'staff.id', 'staff.username', 'staff.role', 'staff.county_code', 'staff.township_code', 'staff.department_code'])
    .where('staff_tokens.token_hash', '=', tokenHash)
    .where('staff_tokens.revoked_at', 'is', null)
    .where('staff_tokens.expires_at', '>', sql<Date>`now()`)
    .where('staff.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Records use at most once a minute, so that reading does not turn into a write per request. */
export async function touchStaffToken(db: Kysely<Database>, tokenId: number): Promise<void> {
  await db
    .updateTable('staff_tokens')
    .set({ last_used_at: sql`now()` })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}

/** Revokes the live tokens of a staff member (all, or only those with `label`); returns how many. */
export async function revokeStaffTokens(db: Kysely<Database>, staffId: number, label?: string): Promise<number> {
  let query = db.updateTable('staff_tokens').set({ revoked_at: sql`now()` }).where('staff_id', '=', staffId).where('revoked_at', 'is', null);
  if (label) query = query.where('label', '=', label);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeStaffToken(db: Kysely<Database>, tokenId: number): Promise<number> {
  const result = await db.updateTable('staff_tokens').set({ revoked_at: sql`now()` }).where('id', '=', tokenId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function tokensOfStaff(db: Kysely<Database>, staffId: number) {
  return db
    .selectFrom('staff_tokens')
    .select(['id', 'label', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('staff_id', '=', staffId)
    .orderBy('id')
    .execute();
}
