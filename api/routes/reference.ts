import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { allowAnyRole } from '../policy';

/** Reference data for the window's and departments' forms. */
export function referenceRoutes({ db }: ApiDeps): Router {
  const router = Router();
  router.get('/townships', allowAnyRole(), async (_req, res) => {
    const rows = await db.selectFrom('townships').select(['code', 'name_zh', 'name_en', 'population']).orderBy('code').execute();
    res.json({ items: rows.map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, population: t.population })) });
  });
  router.get('/departments', allowAnyRole(), async (_req, res) => {
    const rows = await db.selectFrom('departments').select(['code', 'name_zh', 'name_en', 'referral_working_days']).orderBy('code').execute();
    res.json({ items: rows.map((d) => ({ code: d.code, nameZh: d.name_zh, nameEn: d.name_en, referralWorkingDays: d.referral_working_days })) });
  });
  return router;
}
