import type { Kysely } from 'kysely';
import { recordLeadOverdue } from '../db/repositories/leads';
import type { Database } from '../db/schema';

/** The lead workflow's step: an overdue lead marked breached or escalated, and told (idempotent per level). */
export function leadActivities(db: Kysely<Database>) {
  return {
    async recordLeadOverdue(input: { leadId: number; level: number; kind: 'breach' | 'escalation'; at: string }): Promise<{ open: boolean }> {
      return recordLeadOverdue(db, { id: input.leadId, level: input.level, kind: input.kind, at: new Date(input.at) });
    },
  };
}
