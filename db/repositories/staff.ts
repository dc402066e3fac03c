import { sql, type Kysely } from 'kysely';
import type { DepartmentCode } from '../../domain/departments';
import type { StaffRole } from '../../domain/jurisdiction';
import type { Database } from '../schema';

const STAFF_COLUMNS = ['staff.id', 'staff.username', 'staff.display_name', 'staff.role', 'staff.county_code', 'staff.township_code', 'staff.department_code', 'staff.disabled_at'] as const;

export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  countyCode: string;
  townshipCode: string | null;
  departmentCode: DepartmentCode | null;
}

export async function createStaff(db: Kysely<Database>, s: NewStaff) {
  return db
    .insertInto('staff')
    .values({ username: s.username, display_name: s.displayName, role: s.role, county_code: s.countyCode, township_code: s.townshipCode, department_code: s.departmentCode })
    .returning(STAFF_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function findStaffByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('staff').select(STAFF_COLUMNS).where('username', '=', username).executeTakeFirst();
}

export async function listStaff(db: Kysely<Database>) {
  return db.selectFrom('staff').select(STAFF_COLUMNS).orderBy('staff.id').execute();
}

export async function countyOfTownship(db: Kysely<Database>, township: string): Promise<string | undefined> {
  const row = await db.selectFrom('townships').select('county_code').where('code', '=', township).executeTakeFirst();
  return row?.county_code;
}

/**
 * Disables a staff member: no token of theirs works any more and none is issued, their live tokens are revoked,
 * and the act is audited in staff_events — one unit. Returns how many tokens were revoked, or undefined when
 * they were disabled already.
 */
export async function disableStaff(db: Kysely<Database>, staffId: number, actor: string): Promise<{ revokedTokens: number } | undefined> {
  return db.transaction().execute(async (trx) => {
    const disabled = await trx.updateTable('staff').set({ disabled_at: sql`now()` }).where('id', '=', staffId).where('disabled_at', 'is', null).returning('id').executeTakeFirst();
    if (!disabled) return undefined;
    const revoked = await trx.updateTable('staff_tokens').set({ revoked_at: sql`now()` }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).executeTakeFirst();
    const revokedTokens = Number(revoked.numUpdatedRows);
    await trx.insertInto('staff_events').values({ staff_id: staffId, type: 'staff_disabled', actor, detail: JSON.stringify({ revokedTokens }) }).execute();
    return { revokedTokens };
  });
}

export async function staffEvents(db: Kysely<Database>, staffId: number) {
  return db.selectFrom('staff_events').select(['type', 'actor', 'detail', 'occurred_at']).where('staff_id', '=', staffId).orderBy('id').execute();
}

export async function isStaffDisabled(db: Kysely<Database>, staffId: number): Promise<boolean> {
  const row = await db.selectFrom('staff').select('disabled_at').where('id', '=', staffId).executeTakeFirst();
  return row?.disabled_at !== null && row?.disabled_at !== undefined;
}
