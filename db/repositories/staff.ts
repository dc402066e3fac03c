import type { Kysely } from 'kysely';
import type { DepartmentCode } from '../../domain/departments';
import type { StaffRole } from '../../domain/jurisdiction';
import type { Database } from '../schema';

const STAFF_COLUMNS = ['staff.id', 'staff.username', 'staff.display_name', 'staff.role', 'staff.county_code', 'staff.township_code', 'staff.department_code'] as const;

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
