import type { Kysely } from 'kysely';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';
import { appendAuditEvent } from './auditEvents';

/**
 * Fraud records (失信惩戒, 003 §23): a person who obtained assistance by fraud is barred from applying while a
 * record is in force (from ≤ now < until, not lifted). Found through the ID-number blind index; every change is
 * audited in `audit_events` (codes, amounts and dates only).
 */
const COLUMNS = ['id', 'county_code', 'id_number_cipher', 'reason_cipher', 'amount_to_return_yuan', 'barred_from', 'barred_until', 'recorded_at', 'lifted_at', 'lift_reason_cipher'] as const;

export interface NewBar {
  county: string;
  idNumber: string;
  reason: string;
  amountToReturnYuan: number;
  from: Date;
  until: Date | null;
  actor: string;
  requestId: string;
}

export async function recordBar(db: Kysely<Database>, pii: PersonalDataCipher, bar: NewBar) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('barred_persons')
      .values({
        county_code: bar.county,
        id_number_hash: pii.idNumberHash(bar.idNumber),
        id_number_cipher: pii.encrypt(bar.idNumber),
        reason_cipher: pii.encrypt(bar.reason),
        amount_to_return_yuan: bar.amountToReturnYuan,
        barred_from: bar.from,
        barred_until: bar.until,
        recorded_by: bar.actor,
        recorded_at: new Date(),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, {
      subject: `barred_person:${row.id}`,
      type: 'bar_recorded',
      actor: bar.actor,
      requestId: bar.requestId,
      detail: { county: bar.county, amountToReturnYuan: bar.amountToReturnYuan, from: bar.from.toISOString(), until: bar.until?.toISOString() ?? null },
    });
    return row;
  });
}

/** Lifts a record of `county`; undefined when there is none, or it was lifted already. */
export async function liftBar(db: Kysely<Database>, pii: PersonalDataCipher, lift: { id: number; county: string; reason: string; actor: string; requestId: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('barred_persons')
      .set({ lifted_at: new Date(), lifted_by: lift.actor, lift_reason_cipher: pii.encrypt(lift.reason) })
      .where('id', '=', lift.id)
      .where('county_code', '=', lift.county)
      .where('lifted_at', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (row) await appendAuditEvent(trx, { subject: `barred_person:${row.id}`, type: 'bar_lifted', actor: lift.actor, requestId: lift.requestId, detail: {} });
    return row;
  });
}

export async function findBar(db: Kysely<Database>, id: number, county: string) {
  return db.selectFrom('barred_persons').select(COLUMNS).where('id', '=', id).where('county_code', '=', county).executeTakeFirst();
}

export async function barsOfCounty(db: Kysely<Database>, county: string) {
  return db.selectFrom('barred_persons').select(COLUMNS).where('county_code', '=', county).orderBy('id', 'desc').limit(500).execute();
}

/** The record in force against this ID number in `county` at `at`, if any (the one lasting longest). */
export async function barInForce(db: Kysely<Database>, pii: PersonalDataCipher, county: string, idNumber: string, at: Date) {
  return db
    .selectFrom('barred_persons')
    .select(COLUMNS)
    .where('id_number_hash', '=', pii.idNumberHash(idNumber))
    .where('county_code', '=', county)
    .where('lifted_at', 'is', null)
    .where('barred_from', '<=', at)
    .where((eb) => eb.or([eb('barred_until', 'is', null), eb('barred_until', '>', at)]))
    .orderBy('barred_until', (ob) => ob.desc().nullsFirst())
    .executeTakeFirst();
}

export type BarRow = NonNullable<Awaited<ReturnType<typeof findBar>>>;
