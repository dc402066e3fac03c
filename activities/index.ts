import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { caseActivities } from './cases';
import { clockActivities } from './clocks';
import { failFastOnInvalidData } from './failures';
import { signalActivities } from './signals';
import { paymentActivities } from './payments';
import { verificationActivities } from './verification';
import { referralLoopActivities } from './referralLoop';
import { leadActivities } from './leads';
import { reviewActivities } from './review';
import { countyAidActivities } from './countyAid';

export interface ActivityDeps {
  db: Kysely<Database>;
}

/**
 * All I/O the workflows need. Each activity is idempotent: keyed by case and step, a retry changes nothing.
 * An error that no retry can mend (bad data, a broken foreign key) fails at once instead of retrying for ever.
 */
export function createActivities({ db }: ActivityDeps) {
  return failFastOnInvalidData({ ...caseActivities(db), ...clockActivities(db), ...signalActivities(), ...paymentActivities(db), ...verificationActivities(db), ...referralLoopActivities(db), ...leadActivities(db), ...reviewActivities(db), ...countyAidActivities(db) });
}

export type Activities = ReturnType<typeof createActivities>;
