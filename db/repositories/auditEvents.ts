import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

/** A change that belongs to no case (e.g. a fraud record), in the append-only `audit_events`. */
export async function appendAuditEvent(
  db: Kysely<Database> | Transaction<Database>,
  event: { subject: string; type: string; actor: string; requestId: string | null; detail: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({ subject: event.subject, type: event.type, actor: event.actor, request_id: event.requestId, detail: JSON.stringify(event.detail) })
    .execute();
}

export async function auditTrail(db: Kysely<Database>, subject: string) {
  return db.selectFrom('audit_events').select(['type', 'actor', 'request_id', 'detail', 'occurred_at']).where('subject', '=', subject).orderBy('id').execute();
}
