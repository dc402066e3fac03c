import { sql, type Kysely, type Transaction } from 'kysely';
import { renderMessage, type ApplicantMessage } from '../../domain/messageTemplates';
import type { Database } from '../schema';

/**
 * Puts a message to the case's applicant into the outbox, once per case and `key`; an applicant without a
 * phone gets none. Called inside the transaction that records what the message tells.
 */
export async function enqueueApplicantMessage(db: Kysely<Database> | Transaction<Database>, key: string, message: ApplicantMessage, at: Date): Promise<void> {
  await db
    .insertInto('applicant_messages')
    .columns(['case_no', 'event_key', 'template', 'phone_cipher', 'body', 'next_attempt_at', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('cases')
        .innerJoin('persons', 'persons.id', 'cases.applicant_id')
        .select((s) => ['cases.case_no', s.val(key).as('event_key'), s.val(message.template).as('template'), 'persons.phone_cipher', s.val(renderMessage(message)).as('body'), s.val(at).as('next_attempt_at'), s.val(at).as('created_at')])
        .where('cases.case_no', '=', message.caseNo)
        .where('persons.phone_cipher', 'is not', null),
    )
    .onConflict((oc) => oc.columns(['case_no', 'event_key']).doNothing())
    .execute();
}

export interface DueMessage {
  id: string;
  phoneCipher: string;
  body: string;
  attempts: number;
}

/**
 * Delivers due messages: each is locked (`skip locked`: two delivery workers never take the same one),
 * handed to `send`, and marked sent — or given its next attempt — in the same transaction.
 */
export async function deliverDueMessages(
  db: Kysely<Database>,
  now: Date,
  limit: number,
  send: (m: DueMessage) => Promise<{ ok: true; provider: string; providerMessageId: string } | { ok: false; error: string; retryAt: Date }>,
): Promise<{ sent: number; failed: number }> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('applicant_messages')
      .select(['id', 'phone_cipher', 'body', 'attempts'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    let sent = 0;
    for (const row of due) {
      const outcome = await send({ id: row.id, phoneCipher: row.phone_cipher, body: row.body, attempts: row.attempts });
      const change = outcome.ok
        ? { status: 'sent' as const, sent_at: new Date(), provider: outcome.provider, provider_message_id: outcome.providerMessageId, last_error: null }
        : { next_attempt_at: outcome.retryAt, last_error: outcome.error.slice(0, 500) };
      await trx.updateTable('applicant_messages').set({ ...change, attempts: sql`attempts + 1` }).where('id', '=', row.id).execute();
      if (outcome.ok) sent += 1;
    }
    return { sent, failed: due.length - sent };
  });
}

export async function messagesOfCase(db: Kysely<Database>, caseNo: string) {
  return db.selectFrom('applicant_messages').select(['event_key', 'template', 'body', 'status', 'attempts', 'provider', 'sent_at']).where('case_no', '=', caseNo).orderBy('id').execute();
}
