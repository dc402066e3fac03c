import type { Kysely } from 'kysely';
import { issueToken } from '../api/tokens';
import { revokeStaffTokens } from '../db/repositories/staffTokens';
import { findStaffByUsername } from '../db/repositories/staff';
import type { Database } from '../db/schema';
import { DEMO_STAFF } from '../db/seed';

export interface DemoToken {
  username: string;
  role: string;
  scope: string;
  token: string;
  expiresAt: Date;
}

/** What a staff member's jurisdiction is, in a word. */
export function scopeOf(staff: { role: string; county_code: string; township_code: string | null; department_code: string | null }): string {
  if (staff.role === 'window') return `township ${staff.township_code}`;
  if (staff.role === 'department') return `${staff.department_code}, county ${staff.county_code}`;
  return `county ${staff.county_code}`;
}

/**
 * Fresh tokens for the seeded demo staff (one per role, one township, every department). With
 * `revokePrevious`, the tokens an earlier run issued under the same label stop working.
 */
export async function issueDemoTokens(db: Kysely<Database>, options: { label: string; lifetimeDays: number; revokePrevious: boolean }): Promise<DemoToken[]> {
  const tokens: DemoToken[] = [];
  for (const demo of DEMO_STAFF) {
    const staff = await findStaffByUsername(db, demo.username);
    if (!staff) throw new Error(`demo staff ${demo.username} is missing: run the seed (npm run migrate)`);
    if (options.revokePrevious) await revokeStaffTokens(db, staff.id, options.label);
    const { token, expiresAt } = await issueToken(db, staff.id, options);
    tokens.push({ username: staff.username, role: staff.role, scope: scopeOf(staff), token, expiresAt });
  }
  return tokens;
}
