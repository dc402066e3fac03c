import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { appendCaseEvent } from './caseEvents';

export interface NewHomeInvestigation {
  caseNo: string;
  visitedOn: string;
  staffIds: number[];
  neighboursAsked: number;
  findingsCipher: string;
  photos: string[];
  /** The review round the visit is made for (the number of objections the case's notices met). */
  reviewRound: number;
  actor: string;
  requestId: string;
}

/** Staff ids among `ids` that may visit for a case of `township`: that township's staff, or the county's (no departments). */
export async function staffWhoMayVisit(db: Kysely<Database>, ids: number[], township: string, county: string): Promise<number[]> {
  const rows = await db
    .selectFrom('staff')
    .select('id')
    .where('id', 'in', ids)
    .where('county_code', '=', county)
    .where('role', '!=', 'department')
    .where((eb) => eb.or([eb('township_code', '=', township), eb('township_code', 'is', null)]))
    .execute();
  return rows.map((r) => r.id);
}

/** Records a visit and its case event; false when the case already has a visit on that day in that review round. */
export async function saveHomeInvestigation(db: Kysely<Database>, v: NewHomeInvestigation): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const made = await trx
      .insertInto('home_investigations')
      .values({
        case_no: v.caseNo,
        visited_on: v.visitedOn,
        staff_ids: v.staffIds,
        neighbours_asked: v.neighboursAsked,
        findings_cipher: v.findingsCipher,
        photos: JSON.stringify(v.photos),
        recorded_by: v.actor,
        recorded_at: new Date(),
        review_round: v.reviewRound,
      })
      .onConflict((oc) => oc.columns(['case_no', 'review_round', 'visited_on']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!made) return false;
    await appendCaseEvent(trx, {
      caseNo: v.caseNo,
      key: `home_investigation:${v.visitedOn}${v.reviewRound > 0 ? `:${v.reviewRound}` : ''}`,
      type: 'home_investigation_recorded',
      actor: v.actor,
      requestId: v.requestId,
      detail: { visitedOn: v.visitedOn, reviewRound: v.reviewRound, staff: v.staffIds.length, neighboursAsked: v.neighboursAsked, photos: v.photos.length },
    });
    return true;
  });
}

export async function homeInvestigationsOfCase(db: Kysely<Database>, caseNo: string) {
  return db.selectFrom('home_investigations').select(['visited_on', 'review_round', 'staff_ids', 'neighbours_asked', 'findings_cipher', 'photos', 'recorded_by', 'recorded_at']).where('case_no', '=', caseNo).orderBy('review_round').orderBy('visited_on').execute();
}

/** The latest review round with a visit on record, or undefined when the case has none. */
export async function investigatedInRound(db: Kysely<Database>, caseNo: string): Promise<number | undefined> {
  const { round } = await db.selectFrom('home_investigations').select((eb) => eb.fn.max('review_round').as('round')).where('case_no', '=', caseNo).executeTakeFirstOrThrow();
  return round ?? undefined;
}
