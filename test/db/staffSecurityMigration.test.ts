import { Migrator, sql } from 'kysely';
import { connectDatabase, dropDatabase, ensureDatabase } from '../../db/connect';
import { MIGRATIONS, migrateToLatest } from '../../db/migrate';
import { testCipher } from '../support/piiKeys';

/** A database that already holds cases from before issue 4 (plain names, ID numbers and phones) is migrated. */
describe('migration 2026-11-23T12-00_staff_security on a database with data', () => {
  const url = `${process.env.TEST_DATABASE_URL}_legacy`;
  const db = connectDatabase(url, 2);
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(url);
  });

  test('when it runs, then the plain personal data becomes ciphertext under the active key, with its blind index, and the plain columns are gone', async () => {
    await ensureDatabase(url);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const { error } = await migrator.migrateTo('2026-11-23T10-00_foundation');
    expect(error).toBeUndefined();
    // Reference rows as the seed of that time wrote them (today's seed needs later tables).
    await sql`insert into counties values ('370725', '昌乐县', 'Changle County')`.execute(db);
    await sql`insert into townships values ('370725001', '370725', '宝城街道', 'Baocheng Subdistrict', 98000)`.execute(db);
    await sql`insert into departments (code, name_zh, name_en) values ('civil_affairs', '县民政局', 'Civil Affairs Bureau')`.execute(db);
    await sql`insert into households (township_code) values ('370725001')`.execute(db);
    await sql`insert into persons (household_id, name, id_number, phone, relation) values (1, '老户主', '11010519491231002X', '13805361234', 'self'), (1, '老伴', '370725195603090011', null, 'spouse')`.execute(db);
    await sql`insert into cases (case_no, township_code, household_id, applicant_id, needs, stage, narrative, request_hash) values ('20261101-000001', '370725001', 1, 1, '{dibao}', 'referral', '老户主的说明', 'h')`.execute(db);
    await sql`insert into referrals (id, case_no, department_code, status, due_at, due_provisional, note) values ('20261101-000001-civil_affairs', '20261101-000001', 'civil_affairs', 'completed', now(), false, '已电话联系老户主')`.execute(db);

    await migrateToLatest(db as never);

    const pii = testCipher();
    const persons = await sql<Record<string, string | null>>`select * from persons order by id`.execute(db);
    for (const plain of ['name', 'id_number', 'phone']) expect(Object.keys(persons.rows[0])).not.toContain(plain);
    expect(persons.rows.map((p) => pii.decrypt(p.name_cipher!))).toEqual(['老户主', '老伴']);
    expect(pii.decrypt(persons.rows[0].id_number_cipher!)).toBe('11010519491231002X');
    expect(persons.rows[0].id_number_hash).toBe(pii.idNumberHash('11010519491231002X'));
    expect(pii.decrypt(persons.rows[0].phone_cipher!)).toBe('13805361234');
    expect(persons.rows[1].phone_cipher).toBeNull();
    expect(pii.keyIdOf(persons.rows[0].name_cipher!)).toBe('k1');
    const [kase] = (await sql<{ narrative_cipher: string }>`select narrative_cipher from cases`.execute(db)).rows;
    expect(pii.decrypt(kase.narrative_cipher)).toBe('老户主的说明');
    const [referral] = (await sql<{ note_cipher: string }>`select note_cipher from referrals`.execute(db)).rows;
    expect(pii.decrypt(referral.note_cipher)).toBe('已电话联系老户主');
    const dump = await sql<{ t: string }>`select string_agg(row_to_json(p)::text, '') as t from persons p`.execute(db);
    expect(dump.rows[0].t).not.toContain('老户主');
  });
});
