import type { Kysely } from 'kysely';
import { countyOfTownship } from '../db/repositories/staff';
import type { Database } from '../db/schema';
import type { Staff } from '../domain/jurisdiction';
import { notFound } from './errors';
import { TownshipCodeParam } from './paymentSchemas';

/** A township's own affairs (its reserve fund, its notice board): its own staff, and the county's. Others: 404, as if it did not exist. */
export async function townshipInJurisdiction(db: Kysely<Database>, staff: Staff, code: string): Promise<{ township: string; county: string }> {
  const county = TownshipCodeParam.safeParse(code).success ? await countyOfTownship(db, code) : undefined;
  const mine = county !== undefined && (staff.townshipCode !== null ? staff.townshipCode === code : staff.countyCode === county);
  if (!mine) throw notFound(`乡镇（街道）${code}`);
  return { township: code, county };
}
