import { sql, type Kysely, type Transaction } from 'kysely';
import type { CaseFlag } from '../../domain/duplicates';
import type { NeedCode } from '../../domain/needs';
import { ENDED_STAGES } from '../../domain/stages';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';
import type { PersonInput } from './cases';

/** An open case of the same applicant's household with a need of the new one (409 duplicate_case). */
export class DuplicateCase extends Error {
  constructor(readonly caseNo: string) {
    super(`duplicate of open case ${caseNo}`);
  }
}

interface Known {
  personId: number;
  householdId: number;
  hash: string;
}

/** Every stored person with one of these ID numbers (blind index), newest first. */
async function knownPersons(trx: Transaction<Database>, hashes: string[]): Promise<Known[]> {
  const rows = await trx.selectFrom('persons').select(['id', 'household_id', 'id_number_hash']).where('id_number_hash', 'in', hashes).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ personId: r.id, householdId: r.household_id, hash: r.id_number_hash }));
}

/** The cases of these households: open ones, and closed ones that granted aid. */
async function casesOfHouseholds(trx: Transaction<Database>, households: number[]) {
  if (households.length === 0) return [];
  const rows = await trx
    .selectFrom('cases')
    .select(['case_no', 'household_id', 'needs', 'stage'])
    .select((eb) =>
      eb
        .or([
          eb('cases.decision', '=', 'approve'),
          eb.exists(eb.selectFrom('referrals').select('referrals.id').whereRef('referrals.case_no', '=', 'cases.case_no').where('referrals.outcome', '=', 'granted')),
        ])
        .as('granted'),
    )
    .where('household_id', 'in', households)
    .execute();
  return rows.map((r) => ({ caseNo: r.case_no, householdId: r.household_id, needs: r.needs, open: !ENDED_STAGES.includes(r.stage), granted: Boolean(r.granted) }));
}

/**
 * Finds the household and people of an intake through the ID-number blind index, inside the intake's
 * transaction: refuses a second open case for the applicant's household with an overlapping need, reuses the
 * applicant's household and every person already known (people of a household with no open case move into this
 * one; someone still in another open case is recorded here anew and flagged), and says what the reviewer should
 * check. Concurrent intakes naming the same people are serialised by advisory locks on their blind indexes.
 */
export async function placeHousehold(
  trx: Transaction<Database>,
  pii: PersonalDataCipher,
  intake: { township: string; applicant: PersonInput; members: PersonInput[]; needs: NeedCode[] },
): Promise<{ householdId: number; applicantId: number; flags: CaseFlag[] }> {
  const people = [{ path: 'applicant', person: intake.applicant }, ...intake.members.map((person, i) => ({ path: `household.members.${i}`, person }))].map((p) => ({ ...p, hash: pii.idNumberHash(p.person.idNumber) }));
  for (const hash of people.map((p) => p.hash).sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${hash}, 0))`.execute(trx);

  const known = await knownPersons(trx, people.map((p) => p.hash));
  const cases = await casesOfHouseholds(trx, [...new Set(known.map((k) => k.householdId))]);
  const openIn = (householdId: number) => cases.filter((c) => c.householdId === householdId && c.open);
  const applicantKnown = known.filter((k) => k.hash === people[0].hash);
  for (const k of applicantKnown) {
    const duplicate = openIn(k.householdId).find((c) => c.needs.some((need) => intake.needs.includes(need)));
    if (duplicate) throw new DuplicateCase(duplicate.caseNo);
  }

  const flags: CaseFlag[] = [];
  for (const { path, hash } of people) {
    const households = new Set(known.filter((k) => k.hash === hash).map((k) => k.householdId));
    for (const c of cases.filter((c) => households.has(c.householdId))) {
      if (c.open) flags.push({ kind: 'member_in_open_case', path, otherCaseNo: c.caseNo });
      else if (c.granted) flags.push({ kind: 'receiving_aid', path, otherCaseNo: c.caseNo });
    }
  }

  const householdId =
    applicantKnown[0]?.householdId ?? (await trx.insertInto('households').values({ township_code: intake.township }).returning('id').executeTakeFirstOrThrow()).id;
  const ids: number[] = [];
  for (const { person, hash } of people) {
    const values = { name_cipher: pii.encrypt(person.name), phone_cipher: pii.encryptOptional(person.phone), relation: person.relation, household_id: householdId };
    const same = known.find((k) => k.hash === hash && k.householdId === householdId);
    const movable = known.find((k) => k.hash === hash && openIn(k.householdId).length === 0);
    const reuse = same ?? movable;
    if (reuse) {
      await trx.updateTable('persons').set(values).where('id', '=', reuse.personId).execute();
      ids.push(reuse.personId);
    } else {
      const row = await trx
        .insertInto('persons')
        .values({ ...values, id_number_cipher: pii.encrypt(person.idNumber), id_number_hash: hash })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
  }
  return { householdId, applicantId: ids[0], flags };
}

export async function saveCaseFlags(trx: Transaction<Database>, caseNo: string, flags: CaseFlag[]): Promise<void> {
  if (flags.length === 0) return;
  await trx
    .insertInto('case_flags')
    .values(flags.map((f) => ({ case_no: caseNo, kind: f.kind, path: f.path, other_case_no: f.otherCaseNo })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function flagsOfCase(db: Kysely<Database>, caseNo: string): Promise<CaseFlag[]> {
  const rows = await db.selectFrom('case_flags').select(['kind', 'path', 'other_case_no']).where('case_no', '=', caseNo).orderBy('path').orderBy('kind').orderBy('other_case_no').execute();
  return rows.map((r) => ({ kind: r.kind, path: r.path, otherCaseNo: r.other_case_no }));
}
