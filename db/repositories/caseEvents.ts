import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

export interface NewCaseEvent {
  caseNo: string;
  /** Unique within the case: writing the same event twice (a retried activity) is a no-op. */
  key: string;
  type: string;
  /** `staff:<id>` or `system`: a reference, never a name. */
  actor: string;
  /** The API request that caused it, when one did. */
  requestId?: string | null;
  detail?: Record<string, unknown>;
  occurredAt?: Date;
}

export async function appendCaseEvent(db: Kysely<Database> | Transaction<Database>, event: NewCaseEvent): Promise<void> {
  await db
    .insertInto('case_events')
    .values({
      case_no: event.caseNo,
      event_key: event.key,
      type: event.type,
      actor: event.actor,
      request_id: event.requestId ?? null,
      detail: JSON.stringify(event.detail ?? {}),
      occurred_at: event.occurredAt,
    })
    .onConflict((oc) => oc.columns(['case_no', 'event_key']).doNothing())
    .execute();
}

export async function caseTimeline(db: Kysely<Database>, caseNo: string) {
  return db
    .selectFrom('case_events')
    .select(['type', 'actor', 'detail', 'request_id', 'occurred_at'])
    .where('case_no', '=', caseNo)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}
