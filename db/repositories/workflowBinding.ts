import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

/** The key that proves a workflow is this case's (its memo `caseKey`); null for a case opened before keys existed. */
export async function caseWorkflowKey(db: Kysely<Database>, caseNo: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('cases').select('workflow_key').where('case_no', '=', caseNo).executeTakeFirst();
  return row?.workflow_key;
}

export async function markWorkflowStarted(db: Kysely<Database>, caseNo: string): Promise<void> {
  await db.updateTable('cases').set({ workflow_started_at: sql<Date>`now()` }).where('case_no', '=', caseNo).where('workflow_started_at', 'is', null).execute();
}

/** Cases committed at least `minAgeMs` ago whose workflow is not known to run, oldest first. */
export async function casesWithoutWorkflow(db: Kysely<Database>, minAgeMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('case_no')
    .where('workflow_started_at', 'is', null)
    .where('opened_at', '<=', sql<Date>`now() - make_interval(secs => ${minAgeMs / 1000})`)
    .orderBy('opened_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.case_no);
}

/** This deployment's identity (one row, written by the migration that created it). */
export async function deploymentId(db: Kysely<Database>): Promise<string> {
  return (await db.selectFrom('deployment').select('id').executeTakeFirstOrThrow()).id;
}
