import { sql, type Kysely } from 'kysely';
import { clockTimes } from '../../domain/clocks';
import type { PersonalDataCipher } from '../personalData';
import type { Database } from '../schema';
import { loadWorkingCalendar } from './calendar';
import { loopSettings } from './loopSettings';
import { notifyAboutLead } from './notifications';

/**
 * Leads (主动发现): a reporter of a township reports someone in hardship; the township window converts the lead into
 * a case or closes it with a reason, within the county's limit (working days; hours for an emergency).
 * Names, ID numbers, phones, the hardship and reasons are encrypted.
 */
const COLUMNS = ['id', 'township_code', 'reported_by', 'name_cipher', 'id_number_cipher', 'phone_cipher', 'hardship_cipher', 'urgency', 'status', 'reported_at', 'due_at', 'handled_at', 'case_no', 'close_reason_cipher', 'sla_state', 'escalation_level', 'workflow_key'] as const;

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

/** Open leads whose workflow is not known to run, reported at least `minAgeMs` ago (for the reconciler). */
export async function leadsWithoutWorkflow(db: Kysely<Database>, minAgeMs: number, limit: number) {
  return db
    .selectFrom('leads')
    .select(['id', 'township_code', 'due_at', 'workflow_key'])
    .where('workflow_started_at', 'is', null)
    .where('status', '=', 'open')
    .where('reported_at', '<', sql<Date>`now() - make_interval(secs => ${minAgeMs / 1000})`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function markLeadWorkflowStarted(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('leads').set({ workflow_started_at: sql<Date>`now()` }).where('id', '=', id).where('workflow_started_at', 'is', null).execute();
}

/**
 * The lead is overdue (`breach`: the township window and the county are told) or still open days later
 * (`escalation` at level 1, 2, …: the county again); marked breached, each level told once. Nothing happens to a
 * lead converted or closed meanwhile: `open` says so.
 */
export async function recordLeadOverdue(db: Kysely<Database>, l: { id: number; level: number; kind: 'breach' | 'escalation'; at: Date }): Promise<{ open: boolean }> {
  return db.transaction().execute(async (trx) => {
    const lead = await trx
      .selectFrom('leads')
      .innerJoin('townships', 'townships.code', 'leads.township_code')
      .select(['leads.status', 'leads.township_code', 'townships.county_code'])
      .where('leads.id', '=', l.id)
      .forUpdate()
      .executeTakeFirst();
    if (!lead || lead.status !== 'open') return { open: false };
    await trx.updateTable('leads').set({ sla_state: 'breached', escalation_level: sql`greatest(escalation_level, ${l.level})` }).where('id', '=', l.id).execute();
    const recipients = l.kind === 'breach' ? [`township:${lead.township_code}`, `county:${lead.county_code}`] : [`county:${lead.county_code}`];
    await notifyAboutLead(trx, { leadId: l.id, key: `overdue:${l.level}`, kind: l.kind, level: l.level, recipients, at: l.at });
    return { open: true };
  });
}
