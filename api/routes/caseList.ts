import { Router } from 'express';
import { casesPage, type CaseListScope } from '../../db/repositories/caseList';
import { maskIdNumber } from '../../domain/idNumber';
import { seesFullIdNumber, type Staff } from '../../domain/jurisdiction';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { listPage } from '../pagination';
import { allow, staffOf } from '../policy';
import { iso } from '../present';
import { CaseListQuery } from '../workListSchemas';

/** The cases a caller may read (domain/jurisdiction.ts `mayReadCase`), as a list scope. */
function scopeOf(staff: Staff): CaseListScope {
  if (staff.role === 'window' || staff.role === 'township_reviewer') return { township: staff.townshipCode! };
  if (staff.role === 'department') return { county: staff.countyCode, department: staff.departmentCode! };
  return { county: staff.countyCode };
}

/** The case list (issue 7 item 7): the caller's cases, filtered, a page at a time, ID numbers masked by role. */
export function caseListRoutes({ db, pii }: ApiDeps): Router {
  const router = Router();
  router.get('/cases', allow('window', 'township_reviewer', 'department', 'reviewer', 'admin'), async (req, res) => {
    const staff = staffOf(res);
    const { limit, cursor, sort, ...filter } = parse(CaseListQuery, req.query, 'query');
    res.json(
      await listPage(`cases:${sort}`, { limit, cursor }, (page) => casesPage(db, scopeOf(staff), filter, sort, page), (r) => {
        const idNumber = pii.decrypt(r.id_number_cipher);
        const full = seesFullIdNumber(staff, { townshipCode: r.township_code, countyCode: staff.countyCode, departments: [] });
        return {
          caseNo: r.case_no,
          township: r.township_code,
          stage: r.stage,
          needs: r.needs,
          sla: r.sla_state,
          dueAt: iso(r.due_at),
          openedAt: r.opened_at.toISOString(),
          applicant: { name: pii.decrypt(r.name_cipher), idNumber: full ? idNumber : maskIdNumber(idNumber) },
        };
      }),
    );
  });
  return router;
}
