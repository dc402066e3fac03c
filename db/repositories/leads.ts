import type { Kysely } from 'kysely';
import { clockTimes } from '../../domain/clocks';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';
import { loadWorkingCalendar } from './calendar';
import { loopSettings } from './loopSettings';

/**
 * Leads (主动发现): a reporter of a township reports someone in hardship; the township window converts the lead into
 * a case or closes it with a reason, within the county's limit (working days; hours for an emergency).
 * Names, ID numbers, phones, the hardship and reasons are encrypted.
 */
const COLUMNS = ['id', 'township_code', 'reported_by', 'name_cipher', 'id_number_cipher', 'phone_cipher', 'hardship_cipher', 'urgency', 'status', 'reported_at', 'due_at', 'handled_at', 'case_no', 'close_reason_cipher'] as const;

export interface NewLead {
  township: string;
  county: string;
  reportedBy: number;
  name: string;
  idNumber?: string;
  phone?: string;
  hardship: string;
  urgency: 'normal' | 'emergency';
}

export async function recordLead(db: Kysely<Database>, pii: PersonalDataCipher, lead: NewLead) {
  const settings = await loopSettings(db, lead.county);
  const now = new Date();
  const limit = lead.urgency === 'emergency' ? { unit: 'hours' as const, amount: settings.leadEmergencyHours } : { unit: 'working_days' as const, amount: settings.leadWorkingDays };
  const { dueAt } = clockTimes(now, limit, 0, await loadWorkingCalendar(db));
  return db
    .insertInto('leads')
    .values({
      township_code: lead.township,
      reported_by: lead.reportedBy,
      name_cipher: pii.encrypt(lead.name),
      id_number_cipher: pii.encryptOptional(lead.idNumber),
      phone_cipher: pii.encryptOptional(lead.phone),
      hardship_cipher: pii.encrypt(lead.hardship),
      urgency: lead.urgency,
      status: 'open',
      reported_at: now,
      due_at: dueAt,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function findLead(db: Kysely<Database>, id: number) {
  return db.selectFrom('leads').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** A township's leads (the window's inbox, soonest due first), or one reporter's. */
export async function listLeads(db: Kysely<Database>, scope: { township: string; reportedBy?: number; status?: LeadRow['status'] }) {
  let query = db.selectFrom('leads').select(COLUMNS).where('township_code', '=', scope.township);
  if (scope.reportedBy !== undefined) query = query.where('reported_by', '=', scope.reportedBy);
  if (scope.status) query = query.where('status', '=', scope.status);
  return query.orderBy('due_at').orderBy('id').limit(500).execute();
}

/** Marks an open lead converted (with its case) or closed (with a reason); undefined when it was handled already. */
export async function handleLead(db: Kysely<Database>, id: number, outcome: { status: 'converted'; caseNo: string; actor: string } | { status: 'closed'; reasonCipher: string; actor: string }) {
  return db
    .updateTable('leads')
    .set({
      status: outcome.status,
      handled_by: outcome.actor,
      handled_at: new Date(),
      case_no: outcome.status === 'converted' ? outcome.caseNo : null,
      close_reason_cipher: outcome.status === 'closed' ? outcome.reasonCipher : null,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning(COLUMNS)
    .executeTakeFirst();
}

export type LeadRow = NonNullable<Awaited<ReturnType<typeof findLead>>>;
