import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { createActivities } from '../../activities';
import { connectDatabase } from '../../db/connect';
import { replenishReserveFund, reserveFundStatement } from '../../db/repositories/reserveFund';
import type { Database } from '../../db/schema';
import { makeTownship, storeCaseIn } from '../support/payments';

/** The township reserve fund on the real PostgreSQL, with a pool of 10 connections so that payments really race. */
describe('township reserve fund', () => {
  let db: Kysely<Database>;
  let activities: ReturnType<typeof createActivities>;

  beforeAll(() => {
    db = connectDatabase(process.env.TEST_DATABASE_URL!, 10);
    activities = createActivities({ db });
  });
  afterAll(() => db?.destroy());

  const aid = (caseNo: string, amountYuan: number) =>
    activities.payEmergencyAidFromReserve({ caseNo, aid: { amountYuan, form: 'cash', actor: 'staff:1' }, at: new Date().toISOString() });

  const ledger = async (township: string) => {
    const { rows } = await sql<{ sum: string; lowest: string; n: string }>`
      select sum(amount_yuan) as sum, min(balance_after_yuan) as lowest, count(*) as n from reserve_fund_entries where township_code = ${township}`.execute(db);
    const fund = await db.selectFrom('reserve_funds').select('balance_yuan').where('township_code', '=', township).executeTakeFirstOrThrow();
    return { sum: Number(rows[0].sum), lowest: Number(rows[0].lowest), entries: Number(rows[0].n), balance: Number(fund.balance_yuan) };
  };

  test('when 50 first-aid payments of 100 yuan race against a fund of 3000 yuan, then exactly 30 are paid, the balance never goes below zero, and the ledger sums to the balance', async () => {
    const township = await makeTownship(db, 1500); // 2 yuan per resident: 3000 yuan
    const cases = await Promise.all(Array.from({ length: 50 }, () => storeCaseIn(db, township)));

    const outcomes = await Promise.all(cases.map((caseNo) => aid(caseNo, 100)));

    expect(outcomes.filter((o) => o.status === 'paid')).toHaveLength(30);
    expect(outcomes.filter((o) => o.status === 'insufficient_funds')).toHaveLength(20);
    const after = await ledger(township);
    expect(after).toEqual({ sum: 0, lowest: 0, entries: 31, balance: 0 });
    const balances = (await db.selectFrom('reserve_fund_entries').select('balance_after_yuan').where('township_code', '=', township).where('kind', '=', 'payment').execute()).map((r) => Number(r.balance_after_yuan));
    expect(new Set(balances).size).toBe(30);
    const refused = await db.selectFrom('case_events').select('case_no').where('type', '=', 'reserve_fund_insufficient').where('case_no', 'in', cases).execute();
    expect(refused).toHaveLength(20);
  });

  test('when the same case’s payment is retried, also concurrently, then it is paid once', async () => {
    const township = await makeTownship(db, 1000);
    const caseNo = await storeCaseIn(db, township);

    const outcomes = await Promise.all([aid(caseNo, 500), aid(caseNo, 500), aid(caseNo, 500)]);

    expect(outcomes.map((o) => o.status)).toEqual(['paid', 'paid', 'paid']);
    expect(await ledger(township)).toEqual({ sum: 1500, lowest: 1500, entries: 2, balance: 1500 });
  });

  test('when a short fund is replenished, then the replenishment is a ledger entry, counted once per reference, and the next payment goes through', async () => {
    const township = await makeTownship(db, 100); // 200 yuan
    const [first, second] = [await storeCaseIn(db, township), await storeCaseIn(db, township)];
    expect((await aid(first, 150)).status).toBe('paid');
    expect(await aid(second, 150)).toEqual({ status: 'insufficient_funds', balanceAfterYuan: 50 });

    const top = { township, amountYuan: 1000, reference: 'replenishment:财政拨付-2026-001', actor: 'staff:3', at: new Date() };
    const [one, again] = [await replenishReserveFund(db, top, 2), await replenishReserveFund(db, top, 2)];
    expect([one.created, again.created]).toEqual([true, false]);
    // The retried payment of the second case: its first refusal wrote nothing, so it is paid now.
    expect(await aid(second, 150)).toEqual({ status: 'paid', balanceAfterYuan: 900 });

    const statement = await reserveFundStatement(db, township, 2);
    expect(statement.balanceYuan).toBe('900.00');
    expect(statement.entries.map((e) => [e.kind, Number(e.amountYuan), Number(e.balanceAfterYuan)])).toEqual([
      ['payment', -150, 900],
      ['replenishment', 1000, 1050],
      ['payment', -150, 50],
      ['opening', 200, 200],
    ]);
    expect(await ledger(township)).toMatchObject({ sum: 900, balance: 900 });
  });

  test('when first aid of less than a fen reaches the fund, then nothing is paid and no zero entry is written', async () => {
    const township = await makeTownship(db, 100);
    const caseNo = await storeCaseIn(db, township);
    expect(await aid(caseNo, 0.001)).toEqual({ status: 'nothing_to_pay', balanceAfterYuan: 200 });
    expect(await ledger(township)).toEqual({ sum: 200, lowest: 200, entries: 1, balance: 200 });
  });

  test('when anything tries to change or remove a ledger entry, or to drive the balance below zero directly, then PostgreSQL refuses', async () => {
    const township = await makeTownship(db, 10);
    await reserveFundStatement(db, township, 2);
    await expect(db.updateTable('reserve_fund_entries').set({ amount_yuan: 1 }).where('township_code', '=', township).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('reserve_fund_entries').where('township_code', '=', township).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('reserve_funds').set({ balance_yuan: -1 }).where('township_code', '=', township).execute()).rejects.toThrow(/check constraint/);
  });
});
