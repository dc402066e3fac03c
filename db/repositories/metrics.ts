import { sql, type Kysely } from 'kysely';
import type { SlaState } from '../../domain/clocks';
import type { Database } from '../schema';

/** Running (not yet met) clocks per SLA state. */
export async function openClocksBySla(db: Kysely<Database>): Promise<{ sla_state: SlaState; count: number }[]> {
  return db
    .selectFrom('sla_clocks')
    .select(['sla_state', sql<number>`count(*)::int`.as('count')])
    .where('met_at', 'is', null)
    .groupBy('sla_state')
    .execute();
}

/** Clock breaches ever announced (each breach is one notification; they are never deleted, so this only grows). */
export async function breachesRecorded(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('count')).where('kind', '=', 'breach').executeTakeFirstOrThrow();
  return row.count;
}

/** Warnings and escalations not yet read by their recipients: the backlog of what the system has told people. */
export async function unreadNotifications(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('count')).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return row.count;
}
