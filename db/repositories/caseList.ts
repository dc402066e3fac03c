import { sql, type Kysely } from 'kysely';
import type { SlaState } from '../../domain/clocks';
import type { DepartmentCode } from '../../domain/departments';
import type { NeedCode } from '../../domain/needs';
import type { CaseStage } from '../../domain/stages';
import type { Database } from '../schema';
import { keysetPage, type PageRequest, type SortKey } from './keyset';
import { caseHasNeed } from './referrals';

/** Which cases a caller may list: a township's, a county's, or those of a county referred to one department. */
export type CaseListScope = { township: string } | { county: string; department?: DepartmentCode };

export interface CaseListFilter {
  township?: string;
  stage?: CaseStage;
  sla?: SlaState;
  need?: NeedCode;
  openedFrom?: Date;
  /** Exclusive. */
  openedTo?: Date;
}

export const CASE_SORTS = ['due', 'opened'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** The sort keys, exactly as the indexes of migration 2026-11-25T04 have them: due first, no deadline last. */
const SORT_KEYS: Record<CaseSort, SortKey[]> = {
  due: [
    { expr: sql`coalesce(cases.due_at, 'infinity')`, type: 'timestamptz' },
    { expr: sql`cases.case_no`, type: 'text' },
  ],
  opened: [
    { expr: sql`cases.opened_at`, type: 'timestamptz' },
    { expr: sql`cases.case_no`, type: 'text' },
  ],
};

/** A page of cases with their applicant's ciphertexts (the API decrypts and masks them by role). */
export async function casesPage(db: Kysely<Database>, scope: CaseListScope, f: CaseListFilter, sort: CaseSort, page: PageRequest) {
  let query = db.selectFrom('cases');
  if ('township' in scope) query = query.where('cases.township_code', '=', scope.township);
  else query = query.where('cases.county_code', '=', scope.county);
  if ('department' in scope && scope.department) {
    const department = scope.department;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('referrals').select('referrals.id').whereRef('referrals.case_no', '=', 'cases.case_no').where('referrals.department_code', '=', department)),
    );
  }
  if (f.township) query = query.where('cases.township_code', '=', f.township);
  if (f.stage) query = query.where('cases.stage', '=', f.stage);
  if (f.sla) query = query.where('cases.sla_state', '=', f.sla);
  if (f.need) query = query.where(caseHasNeed('cases', f.need));
  if (f.openedFrom) query = query.where('cases.opened_at', '>=', f.openedFrom);
  if (f.openedTo) query = query.where('cases.opened_at', '<', f.openedTo);
  return keysetPage(db, query, SORT_KEYS[sort], page, (q) =>
    q
      .innerJoin('persons', 'persons.id', 'cases.applicant_id')
      .select(['cases.case_no', 'cases.township_code', 'cases.stage', 'cases.needs', 'cases.sla_state', 'cases.due_at', 'cases.opened_at', 'persons.name_cipher', 'persons.id_number_cipher']),
  );
}
