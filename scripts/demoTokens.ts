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
 * Demo tokens are printed on a terminal (and end up in scroll-back, screenshots and shell history): they live
 * for a working day, not the 30 days of a real staff token. Restart `npm run dev` or run `npm run staff -- token`
 * for more.
 */
export const DEMO_TOKEN_LIFETIME_HOURS = 8;

/**
 * Fresh tokens for the seeded demo staff (one per role, one township, every department). With
 * `revokePrevious`, the tokens an earlier run issued under the same label stop working.
 */
export async function issueDemoTokens(db: Kysely<Database>, options: { label: string; revokePrevious: boolean }): Promise<DemoToken[]> {
  const tokens: DemoToken[] = [];
  for (const demo of DEMO_STAFF) {
    const staff = await findStaffByUsername(db, demo.username);
    if (!staff) throw new Error(`demo staff ${demo.username} is missing: run the seed (npm run migrate)`);
    if (options.revokePrevious) await revokeStaffTokens(db, staff.id, options.label);
    const { token, expiresAt } = await issueToken(db, staff.id, { label: options.label, lifetimeDays: DEMO_TOKEN_LIFETIME_HOURS / 24 });
    tokens.push({ username: staff.username, role: staff.role, scope: scopeOf(staff), token, expiresAt });
  }
  return tokens;
}
