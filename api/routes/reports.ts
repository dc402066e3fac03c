import { Router } from 'express';
import { countyExists } from '../../db/repositories/reference';
import type { ApiDeps } from '../deps';
import { invalid, notFound, parse } from '../errors';
import { monthlyReport, monthlyReportCsv } from '../monthlyReport';
import { allow, staffOf } from '../policy';
import { MonthlyReportQuery } from '../reportSchemas';

/** Reports of a county (issue 9 item 4) for its reviewers and administrators; another county's is 404, as if it did not exist. */
export function reportRoutes({ db }: ApiDeps): Router {
  const router = Router();
  router.get('/reports/monthly', allow('reviewer', 'admin'), async (req, res) => {
    const { month, county, format } = parse(MonthlyReportQuery, req.query, 'query');
    if (!(await countyExists(db, county))) throw invalid([{ path: 'query.county', message: '未知的县（市、区）代码 (unknown county code)' }]);
    if (county !== staffOf(res).countyCode) throw notFound(`县（市、区）${county}的月报告`);
    const report = await monthlyReport(db, county, month);
    if ((format ?? req.accepts(['json', 'csv'])) === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`monthly-report-${county}-${month}.csv`).send(monthlyReportCsv(report));
    } else {
      res.json(report);
    }
  });
  return router;
}
