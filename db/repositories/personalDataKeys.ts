import type { Kysely } from 'kysely';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';

export interface ReencryptionReport {
  persons: number;
  narratives: number;
  notes: number;
}

/**
 * Key rotation: re-encrypts, under the active key, every personal value that an older key encrypted
 * (persons, case narratives, referral notes), in batches, each batch one transaction. Idempotent and
 * resumable: a second run finds nothing to do. With `reindex`, also recomputes every ID-number blind index
 * (after PII_INDEX_KEY changed).
 */
export async function reencryptPersonalData(db: Kysely<Database>, pii: PersonalDataCipher, options: { reindex?: boolean; batchSize?: number } = {}): Promise<ReencryptionReport> {
  const batchSize = options.batchSize ?? 500;
  const stale = (value: string | null) => value !== null && pii.keyIdOf(value) !== pii.activeKeyId;
  const again = (value: string) => pii.encrypt(pii.decrypt(value));
  const report: ReencryptionReport = { persons: 0, narratives: 0, notes: 0 };

  for (let after = 0; ; ) {
    const rows = await db.selectFrom('persons').select(['id', 'name_cipher', 'id_number_cipher', 'phone_cipher']).where('id', '>', after).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const todo = rows.filter((r) => options.reindex || stale(r.name_cipher) || stale(r.id_number_cipher) || stale(r.phone_cipher));
    await db.transaction().execute(async (trx) => {
      for (const r of todo) {
        const idNumber = pii.decrypt(r.id_number_cipher);
        await trx
          .updateTable('persons')
          .set({
            name_cipher: stale(r.name_cipher) ? again(r.name_cipher) : r.name_cipher,
            id_number_cipher: stale(r.id_number_cipher) ? pii.encrypt(idNumber) : r.id_number_cipher,
            id_number_hash: pii.idNumberHash(idNumber),
            phone_cipher: r.phone_cipher !== null && stale(r.phone_cipher) ? again(r.phone_cipher) : r.phone_cipher,
          })
          .where('id', '=', r.id)
          .execute();
      }
    });
    report.persons += todo.length;
  }

  for (let after = ''; ; ) {
    const rows = await db.selectFrom('cases').select(['case_no', 'narrative_cipher']).where('case_no', '>', after).orderBy('case_no').limit(batchSize).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1].case_no;
    const todo = rows.filter((r) => stale(r.narrative_cipher));
    await db.transaction().execute(async (trx) => {
      for (const r of todo) await trx.updateTable('cases').set({ narrative_cipher: again(r.narrative_cipher!) }).where('case_no', '=', r.case_no).execute();
    });
    report.narratives += todo.length;
  }

  for (let after = ''; ; ) {
    const rows = await db.selectFrom('referrals').select(['id', 'note_cipher']).where('id', '>', after).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const todo = rows.filter((r) => stale(r.note_cipher));
    await db.transaction().execute(async (trx) => {
      for (const r of todo) await trx.updateTable('referrals').set({ note_cipher: again(r.note_cipher!) }).where('id', '=', r.id).execute();
    });
    report.notes += todo.length;
  }
  return report;
}

/** How many stored values each key id encrypted (to know when an old key can be dropped from PII_KEYS). */
export async function valuesPerKey(db: Kysely<Database>, pii: PersonalDataCipher): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = (value: string | null) => {
    if (value !== null) counts[pii.keyIdOf(value)] = (counts[pii.keyIdOf(value)] ?? 0) + 1;
  };
  for (const r of await db.selectFrom('persons').select(['name_cipher', 'id_number_cipher', 'phone_cipher']).execute()) [r.name_cipher, r.id_number_cipher, r.phone_cipher].forEach(count);
  for (const r of await db.selectFrom('cases').select('narrative_cipher').execute()) count(r.narrative_cipher);
  for (const r of await db.selectFrom('referrals').select('note_cipher').execute()) count(r.note_cipher);
  return counts;
}
