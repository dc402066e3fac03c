import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema';

/**
 * The township reserve fund (临时救助备用金, 003 §6): a balance that can never go below zero and an
 * append-only ledger of signed entries. Every change locks the fund's row, checks its reference (a retry is a
 * no-op), moves the balance and writes the entry — one transaction.
 */

export interface LedgerEntry {
  kind: 'opening' | 'replenishment' | 'payment';
  amountYuan: string;
  balanceAfterYuan: string;
  reference: string;
  caseNo: string | null;
  actor: string;
  occurredAt: Date;
}

export type ReservePayment = { status: 'paid'; entry: LedgerEntry } | { status: 'insufficient_funds' | 'nothing_to_pay'; balanceYuan: string };

interface Movement {
  township: string;
  amountYuan: number;
  reference: string;
  caseNo?: string | null;
  actor: string;
  requestId?: string | null;
  at: Date;
}

const ENTRY_COLUMNS = ['kind', 'amount_yuan', 'balance_after_yuan', 'reference', 'case_no', 'actor', 'occurred_at'] as const;
type EntryRow = Pick<Database['reserve_fund_entries'], (typeof ENTRY_COLUMNS)[number]> & { amount_yuan: string; balance_after_yuan: string; occurred_at: Date };
const entryOf = (r: EntryRow): LedgerEntry => ({
  kind: r.kind,
  amountYuan: r.amount_yuan,
  balanceAfterYuan: r.balance_after_yuan,
  reference: r.reference,
  caseNo: r.case_no,
  actor: r.actor,
  occurredAt: r.occurred_at,
});

const fen = (yuan: string | number): number => Math.round(Number(yuan) * 100);

/** Opens the township's fund on first use: population × `yuanPerResident`, entered as the opening entry. */
async function openFund(trx: Transaction<Database>, township: string, yuanPerResident: number, at: Date): Promise<void> {
  const opened = await trx
    .insertInto('reserve_funds')
    .columns(['township_code', 'balance_yuan', 'updated_at'])
    .expression((eb) =>
      eb.selectFrom('townships').select([sql.lit(township).as('township_code'), sql<string>`population * ${yuanPerResident}`.as('balance_yuan'), sql<Date>`${at}::timestamptz`.as('updated_at')]).where('code', '=', township),
    )
    .onConflict((oc) => oc.column('township_code').doNothing())
    .returning('balance_yuan')
    .executeTakeFirst();
  if (!opened) return;
  await trx
    .insertInto('reserve_fund_entries')
    .values({ township_code: township, kind: 'opening', amount_yuan: opened.balance_yuan, balance_after_yuan: opened.balance_yuan, reference: 'opening', actor: 'system', occurred_at: at })
    .execute();
}

/** Opens the fund if needed, then locks it and returns its balance, or undefined for an unknown township. */
async function lockFund(trx: Transaction<Database>, township: string, yuanPerResident: number, at: Date): Promise<string | undefined> {
  await openFund(trx, township, yuanPerResident, at);
  const row = await trx.selectFrom('reserve_funds').select('balance_yuan').where('township_code', '=', township).forUpdate().executeTakeFirst();
  return row?.balance_yuan;
}

async function entryByReference(trx: Transaction<Database>, township: string, reference: string): Promise<LedgerEntry | undefined> {
  const row = await trx.selectFrom('reserve_fund_entries').select(ENTRY_COLUMNS).where('township_code', '=', township).where('reference', '=', reference).executeTakeFirst();
  return row && entryOf(row as EntryRow);
}

/** Moves the locked fund's balance by `signed` yuan and writes the entry. */
async function move(trx: Transaction<Database>, m: Movement, kind: 'payment' | 'replenishment', signed: number): Promise<LedgerEntry> {
  const { balance_yuan } = await trx
    .updateTable('reserve_funds')
    .set({ balance_yuan: sql`balance_yuan + ${signed}`, updated_at: m.at })
    .where('township_code', '=', m.township)
    .returning('balance_yuan')
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('reserve_fund_entries')
    .values({ township_code: m.township, kind, amount_yuan: signed, balance_after_yuan: balance_yuan, reference: m.reference, case_no: m.caseNo ?? null, actor: m.actor, request_id: m.requestId ?? null, occurred_at: m.at })
    .returning(ENTRY_COLUMNS)
    .executeTakeFirstOrThrow();
  return entryOf(row as EntryRow);
}

/** Pays `amountYuan` from the fund, once per reference; refuses (and changes nothing) when the balance is short. */
export async function payFromReserveFund(db: Kysely<Database>, m: Movement, yuanPerResident: number): Promise<ReservePayment> {
  return db.transaction().execute(async (trx) => {
    const balance = await lockFund(trx, m.township, yuanPerResident, m.at);
    if (balance === undefined) throw new Error(`no township ${m.township}`);
    const done = await entryByReference(trx, m.township, m.reference);
    if (done) return { status: 'paid', entry: done };
    // Less than a fen rounds to nothing: no entry of zero yuan.
    if (fen(m.amountYuan) === 0) return { status: 'nothing_to_pay', balanceYuan: balance };
    if (fen(balance) < fen(m.amountYuan)) return { status: 'insufficient_funds', balanceYuan: balance };
    return { status: 'paid', entry: await move(trx, m, 'payment', -m.amountYuan) };
  });
}

/** Adds money to the fund, once per reference; `created` is false when the reference was entered before. */
export async function replenishReserveFund(db: Kysely<Database>, m: Movement, yuanPerResident: number): Promise<{ entry: LedgerEntry; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockFund(trx, m.township, yuanPerResident, m.at);
    const done = await entryByReference(trx, m.township, m.reference);
    if (done) return { entry: done, created: false };
    return { entry: await move(trx, m, 'replenishment', m.amountYuan), created: true };
  });
}

/** The fund's balance and its ledger, newest first (opened on first use). */
export async function reserveFundStatement(db: Kysely<Database>, township: string, yuanPerResident: number, limit = 200) {
  return db.transaction().execute(async (trx) => {
    await openFund(trx, township, yuanPerResident, new Date());
    const fund = await trx.selectFrom('reserve_funds').select('balance_yuan').where('township_code', '=', township).executeTakeFirstOrThrow();
    const entries = await trx.selectFrom('reserve_fund_entries').select(ENTRY_COLUMNS).where('township_code', '=', township).orderBy('id', 'desc').limit(limit).execute();
    return { balanceYuan: fund.balance_yuan, entries: entries.map((e) => entryOf(e as EntryRow)) };
  });
}
