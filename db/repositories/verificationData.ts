import type { Kysely } from 'kysely';
import type { Assessment, EconomicKind, EconomicRecord, Member, VerificationProvider } from '../../domain/familyVerification';
import type { Database } from '../schema';
import { appendCaseEvent } from './caseEvents';

export interface NewVerificationBatch {
  batchId: string;
  countyCode: string;
  source: string;
  contentHash: string;
  receivedBy: string;
  records: Array<{ idNumberHash: string; kind: EconomicKind; amountYuan: number; period: string | null }>;
}

/**
 * Stores a batch and its records once: a batch id seen before stores nothing and answers what it held
 * (`replayed`), so that the caller can tell a retry (same content) from a reused id (other content).
 */
export async function saveVerificationBatch(db: Kysely<Database>, batch: NewVerificationBatch) {
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('verification_batches')
      .values({ batch_id: batch.batchId, county_code: batch.countyCode, source: batch.source, content_hash: batch.contentHash, record_count: batch.records.length, received_by: batch.receivedBy, received_at: new Date() })
      .onConflict((oc) => oc.column('batch_id').doNothing())
      .returning('batch_id')
      .executeTakeFirst();
    if (created && batch.records.length > 0) {
      await trx
        .insertInto('verification_records')
        .values(batch.records.map((r) => ({ batch_id: batch.batchId, id_number_hash: r.idNumberHash, kind: r.kind, amount_yuan: r.amountYuan, period: r.period })))
        .execute();
    }
    const stored = await trx.selectFrom('verification_batches').select(['county_code', 'content_hash', 'record_count']).where('batch_id', '=', batch.batchId).executeTakeFirstOrThrow();
    const hashes = [...new Set(batch.records.map((r) => r.idNumberHash))];
    const matched = hashes.length === 0 ? [] : await trx.selectFrom('persons').select('id_number_hash').distinct().where('id_number_hash', 'in', hashes).execute();
    return { replayed: !created, stored, matchedPeople: matched.length, people: hashes.length };
  });
}

/** The default provider: the records POST /verification-data stored, of batches delivered to the case's county. */
export function postgresVerificationProvider(db: Kysely<Database>): VerificationProvider {
  return {
    name: 'postgresql',
    async recordsOf(countyCode: string, members: Member[]): Promise<EconomicRecord[]> {
      if (members.length === 0) return [];
      const rows = await db
        .selectFrom('verification_records')
        .innerJoin('verification_batches', 'verification_batches.batch_id', 'verification_records.batch_id')
        .select(['verification_records.id', 'verification_records.id_number_hash', 'verification_records.kind', 'verification_records.amount_yuan', 'verification_records.batch_id'])
        .where('verification_batches.county_code', '=', countyCode)
        .where('verification_records.id_number_hash', 'in', members.map((m) => m.idNumberHash))
        .orderBy('verification_records.id')
        .execute();
      const personOf = new Map(members.map((m) => [m.idNumberHash, m.personId]));
      return rows.map((r) => ({ personId: personOf.get(r.id_number_hash)!, recordId: r.id, kind: r.kind, amountYuan: Number(r.amount_yuan), source: r.batch_id }));
    },
  };
}

/** The members of a case's household, by person id and blind index, and the county the case belongs to. */
export async function householdOfCase(db: Kysely<Database>, caseNo: string) {
  const found = await db
    .selectFrom('cases')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .select(['cases.household_id', 'townships.county_code'])
    .where('cases.case_no', '=', caseNo)
    .executeTakeFirstOrThrow();
  const members = await db.selectFrom('persons').select(['id', 'id_number_hash']).where('household_id', '=', found.household_id).orderBy('id').execute();
  return { countyCode: found.county_code, members: members.map((m) => ({ personId: m.id, idNumberHash: m.id_number_hash })) };
}

/** Stores a verification, its evidence rows and its case event, as one unit. */
export async function saveVerification(
  db: Kysely<Database>,
  v: { caseNo: string; runKey: string; provider: string; assessment: Assessment; records: EconomicRecord[]; requestedBy: string; requestId: string | null; at: Date; validUntil: Date },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { assessment: a } = v;
    const inserted = await trx
      .insertInto('verifications')
      .values({
        case_no: v.caseNo,
        provider: v.provider,
        household_size: a.householdSize,
        standard_yuan: a.standardYuan,
        per_capita_income_yuan: a.perCapitaIncomeYuan,
        eligible: a.eligible,
        rules: JSON.stringify(a.rules),
        findings: JSON.stringify(a.findings),
        requested_by: v.requestedBy,
        run_key: v.runKey,
        verified_at: v.at,
        valid_until: v.validUntil,
      })
      .onConflict((oc) => oc.columns(['case_no', 'run_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const done = await trx.selectFrom('verifications').select('id').where('case_no', '=', v.caseNo).where('run_key', '=', v.runKey).executeTakeFirstOrThrow();
      return done.id;
    }
    const { id } = inserted;
    if (v.records.length > 0) {
      await trx
        .insertInto('verification_evidence')
        .values(v.records.map((r) => ({ verification_id: id, person_id: r.personId, record_id: r.recordId, kind: r.kind, amount_yuan: r.amountYuan, source: r.source })))
        .execute();
    }
    await appendCaseEvent(trx, {
      caseNo: v.caseNo,
      key: `verification:${id}`,
      type: 'economic_verification',
      actor: v.requestedBy,
      requestId: v.requestId,
      detail: { eligible: a.eligible, perCapitaIncomeYuan: a.perCapitaIncomeYuan, standardYuan: a.standardYuan, failed: a.rules.filter((r) => !r.passed).map((r) => r.rule), findings: a.findings.length },
      occurredAt: v.at,
    });
    return id;
  });
}

/** The case's verification `id`, or else its latest, with the evidence; undefined when there is none. */
export async function verificationOfCase(db: Kysely<Database>, caseNo: string, id?: string) {
  let query = db.selectFrom('verifications').selectAll().where('case_no', '=', caseNo);
  if (id !== undefined) query = query.where('id', '=', id);
  const v = await query.orderBy('verified_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!v) return undefined;
  const evidence = await db.selectFrom('verification_evidence').select(['person_id', 'kind', 'amount_yuan', 'source']).where('verification_id', '=', v.id).orderBy('person_id').orderBy('kind').execute();
  return { ...v, evidence };
}
