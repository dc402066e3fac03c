import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { caseActivities } from './cases';
import { clockActivities } from './clocks';
import { referralLoopActivities } from './referralLoop';

export interface ActivityDeps {
  db: Kysely<Database>;
}

/**
 * All I/O the workflows need. Each activity is idempotent: keyed by case and step, a retry changes nothing.
 */
export function createActivities({ db }: ActivityDeps) {
  return { ...caseActivities(db), ...clockActivities(db), ...referralLoopActivities(db) };
}

export type Activities = ReturnType<typeof createActivities>;
