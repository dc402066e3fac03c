import { sql, type Kysely, type Transaction } from 'kysely';
import type { NotificationKind } from '../../domain/notifications';
import type { Staff } from '../../domain/jurisdiction';
import type { Database } from '../schema';

/**
 * The notifications inbox: every result of the referral loop and every clock warning or escalation, addressed to
 * `township:<code>`, `department:<code>` or `county:<code>`, with read marks per staff member.
 */
export async function notify(
  trx: Transaction<Database>,
  n: { caseNo: string; key: string; kind: NotificationKind; clock: string | null; recipients: string[]; at: Date },
): Promise<void> {
  if (n.recipients.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(n.recipients.map((recipient) => ({ case_no: n.caseNo, event_key: `${n.key}>${recipient}`, clock: n.clock, kind: n.kind, level: 0, recipient, created_at: n.at })))
    .onConflict((oc) => oc.columns(['case_no', 'event_key']).doNothing())
    .execute();
}

/** A staff member's mailbox: the township's (window), the department's within the county, or the county's. */
function mailbox(staff: Staff): string {
  if (staff.role === 'window' || staff.role === 'township_reviewer') return `township:${staff.townshipCode}`;
  if (staff.role === 'department') return `department:${staff.departmentCode}`;
  if (staff.role === 'reporter') return `reporter:${staff.id}`;
  return `county:${staff.countyCode}`;
}

/** Notifications about a lead: its breach and escalations (workflows/lead.ts), once per key and recipient. */
export async function notifyAboutLead(trx: Transaction<Database>, n: { leadId: number; key: string; kind: NotificationKind; level: number; recipients: string[]; at: Date }): Promise<void> {
  await trx
    .insertInto('notifications')
    .values(n.recipients.map((recipient) => ({ lead_id: n.leadId, event_key: `${n.key}>${recipient}`, clock: 'lead', kind: n.kind, level: n.level, recipient, created_at: n.at })))
    .onConflict((oc) => oc.columns(['lead_id', 'event_key']).where('lead_id', 'is not', null).doNothing())
    .execute();
}

/** The caller's mailbox within their county: notifications about its cases and its leads. */
function inbox(db: Kysely<Database>, staff: Staff) {
  return db
    .selectFrom('notifications')
    .leftJoin('cases', 'cases.case_no', 'notifications.case_no')
    .leftJoin('leads', 'leads.id', 'notifications.lead_id')
    .innerJoin('townships', (join) => join.on(sql<boolean>`townships.code = coalesce(cases.township_code, leads.township_code)`))
    .where('notifications.recipient', '=', mailbox(staff))
    .where('townships.county_code', '=', staff.countyCode);
}

/** Newest first, at most `limit`; `unread` filters by the caller's own read marks. */
export async function notificationsFor(db: Kysely<Database>, staff: Staff, options: { unread?: boolean; limit: number }) {
  let query = inbox(db, staff)
    .leftJoin('notification_reads', (join) => join.onRef('notification_reads.notification_id', '=', 'notifications.id').on('notification_reads.staff_id', '=', staff.id))
    .select(['notifications.id', 'notifications.case_no', 'notifications.lead_id', 'notifications.kind', 'notifications.clock', 'notifications.recipient', 'notifications.created_at', 'notification_reads.read_at']);
  if (options.unread !== undefined) query = query.where('notification_reads.read_at', options.unread ? 'is' : 'is not', null);
  return query.orderBy('notifications.created_at', 'desc').orderBy('notifications.id', 'desc').limit(options.limit).execute();
}

/** Marks a notification of the caller's mailbox read (once); false when it is not theirs. */
export async function markNotificationRead(db: Kysely<Database>, staff: Staff, id: string): Promise<boolean> {
  const found = await inbox(db, staff).select('notifications.id').where('notifications.id', '=', id).executeTakeFirst();
  if (!found) return false;
  await db
    .insertInto('notification_reads')
    .values({ notification_id: id, staff_id: staff.id, read_at: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(['notification_id', 'staff_id']).doNothing())
    .execute();
  return true;
}
