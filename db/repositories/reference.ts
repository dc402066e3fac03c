import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export async function townshipsOfCounty(db: Kysely<Database>, county: string) {
  return db.selectFrom('townships').select(['code', 'name_zh', 'name_en', 'population']).where('county_code', '=', county).orderBy('code').execute();
}

export async function allDepartments(db: Kysely<Database>) {
  return db.selectFrom('departments').select(['code', 'name_zh', 'name_en']).orderBy('code').execute();
}

export async function countyExists(db: Kysely<Database>, county: string): Promise<boolean> {
  return (await db.selectFrom('counties').select('code').where('code', '=', county).executeTakeFirst()) !== undefined;
}
