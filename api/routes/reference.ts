import { Router } from 'express';
import { listTimeLimits } from '../../db/repositories/timeLimits';
import { allDepartments, townshipsOfCounty } from '../../db/repositories/reference';
import { MEASURES, measuresOf } from '../../domain/measures';
import type { ApiDeps } from '../deps';
import { allowAnyRole, staffOf } from '../policy';

/** Reference data for the window's and departments' forms, and the time limits in force. */
export function referenceRoutes({ db }: ApiDeps): Router {
  const router = Router();
  router.get('/townships', allowAnyRole(), async (_req, res) => {
    const rows = await townshipsOfCounty(db, staffOf(res).countyCode);
    res.json({ items: rows.map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, population: t.population })) });
  });
  router.get('/departments', allowAnyRole(), async (_req, res) => {
    const rows = await allDepartments(db);
    res.json({ items: rows.map((d) => ({ code: d.code, nameZh: d.name_zh, nameEn: d.name_en, measures: measuresOf(d.code).map((code) => ({ code, zh: MEASURES[code].zh, en: MEASURES[code].en })) })) });
  });
  router.get('/time-limits', allowAnyRole(), async (_req, res) => {
    const rows = await listTimeLimits(db, staffOf(res).countyCode);
    res.json({
      items: rows.map((t) => ({ county: t.county_code, clock: t.clock, programme: t.programme, unit: t.unit, amount: t.amount, warnBefore: t.warn_before, escalateEveryHours: t.escalate_every_hours })),
    });
  });
  return router;
}
