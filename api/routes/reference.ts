import { Router } from 'express';
import { allDepartments, townshipsOfCounty } from '../../db/repositories/reference';
import type { ApiDeps } from '../deps';
import { allowAnyRole, staffOf } from '../policy';

/** Reference data for the window's and departments' forms: the caller's county's townships, the departments. */
export function referenceRoutes({ db }: ApiDeps): Router {
  const router = Router();
  router.get('/townships', allowAnyRole(), async (_req, res) => {
    const rows = await townshipsOfCounty(db, staffOf(res).countyCode);
    res.json({ items: rows.map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, population: t.population })) });
  });
  router.get('/departments', allowAnyRole(), async (_req, res) => {
    const rows = await allDepartments(db);
    res.json({ items: rows.map((d) => ({ code: d.code, nameZh: d.name_zh, nameEn: d.name_en, referralWorkingDays: d.referral_working_days })) });
  });
  return router;
}
