import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../../config';
import { PersonalDataCipher } from '../personalData';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Issue 4: staff bearer tokens; personal data encrypted at rest; request ids in the audit log; no TRUNCATE of it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    // SHA-256 of the token: the token itself is shown once and never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('staff_tokens_staff').on('staff_tokens').column('staff_id').execute();

  // Personal data: ciphertext columns replace the plain ones (renamed, so that no code reads ciphertext as a name).
  await db.schema
    .alterTable('persons')
    .addColumn('name_cipher', 'text')
    .addColumn('id_number_cipher', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('phone_cipher', 'text')
    .execute();
  await db.schema.alterTable('cases').addColumn('narrative_cipher', 'text').execute();
  await db.schema.alterTable('referrals').addColumn('note_cipher', 'text').execute();

  // Rows written before this migration are encrypted with the active key of the environment.
  const [persons, cases, referrals] = await Promise.all([
    db.selectFrom('persons').select(['id', 'name', 'id_number', 'phone']).execute(),
    db.selectFrom('cases').select(['case_no', 'narrative']).where('narrative', 'is not', null).execute(),
    db.selectFrom('referrals').select(['id', 'note']).where('note', 'is not', null).execute(),
  ]);
  if (persons.length + cases.length + referrals.length > 0) {
    const pii = new PersonalDataCipher(loadConfig().pii);
    for (const p of persons) {
      await db
        .updateTable('persons')
        .set({ name_cipher: pii.encrypt(p.name), id_number_cipher: pii.encrypt(p.id_number), id_number_hash: pii.idNumberHash(p.id_number), phone_cipher: pii.encryptOptional(p.phone) })
        .where('id', '=', p.id)
        .execute();
    }
    for (const c of cases) await db.updateTable('cases').set({ narrative_cipher: pii.encrypt(c.narrative) }).where('case_no', '=', c.case_no).execute();
    for (const r of referrals) await db.updateTable('referrals').set({ note_cipher: pii.encrypt(r.note) }).where('id', '=', r.id).execute();
  }
  await db.schema.alterTable('persons').dropColumn('name').dropColumn('id_number').dropColumn('phone').execute();
  await db.schema
    .alterTable('persons')
    .alterColumn('name_cipher', (c) => c.setNotNull())
    .alterColumn('id_number_cipher', (c) => c.setNotNull())
    .alterColumn('id_number_hash', (c) => c.setNotNull())
    .execute();
  await db.schema.createIndex('persons_id_number_hash').on('persons').column('id_number_hash').execute();
  await db.schema.alterTable('cases').dropColumn('narrative').execute();
  await db.schema.alterTable('referrals').dropColumn('note').execute();

  // Audit: the request that caused an event (null for the workflows' own steps).
  await db.schema.alterTable('case_events').addColumn('request_id', 'text').execute();
  // Row triggers (foundation) stop UPDATE and DELETE; TRUNCATE needs a statement trigger.
  await sql`
    create trigger case_events_no_truncate before truncate on case_events
    for each statement execute function case_events_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('2026-11-23T12-00_staff_security cannot be undone: the plain personal data is gone');
}
