import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { addWorkingDays } from '../../domain/calendar';
import { OutsideCalendarError, statutoryHolidays } from '../../domain/statutoryHolidays';
import { loadWorkingCalendar, saveYear, storedYear } from '../../db/repositories/calendar';
import { workingDayClocksSpanning } from '../../db/repositories/clocks';
import type { calendarRetimingWorkflow } from '../../workflows/calendarRetiming';
import { caseWorkflowId, referralWorkflowId } from '../../workflows/messages';
import type { DepartmentCode } from '../../domain/departments';
import type { ApiDeps } from '../deps';
import { invalid, parse } from '../errors';
import { allow, allowAnyRole } from '../policy';
import { CalendarYearRequest, DeadlineQuery, YearParam } from '../schemas';
import { withinWorkflowDeadline } from '../workflowDeadline';

/** The official working calendar: deadline arithmetic for everyone, the yearly arrangement kept by administrators. */
export function calendarRoutes({ db, temporal, taskQueue, workflowAnswerMs }: ApiDeps): Router {
  const router = Router();

  router.get('/calendar/deadline', allowAnyRole(), async (req, res) => {
    const { from, workingDays } = parse(DeadlineQuery, req.query, 'query');
    const calendar = await loadWorkingCalendar(db);
    const deadline = (() => {
      try {
        return addWorkingDays(new Date(from), workingDays, calendar);
      } catch (err) {
        if (!(err instanceof OutsideCalendarError)) throw err;
        throw invalid([{ path: 'query.workingDays', message: `期限超出日历范围（${err.year} 年无工作日历）(the count runs into ${err.year}, beyond the working calendar)` }]);
      }
    })();
    const { dueAt, provisional } = deadline;
    res.json({ from: new Date(from).toISOString(), workingDays, dueAt: dueAt.toISOString(), provisional });
  });

  router.get('/calendar/:year', allowAnyRole(), async (req, res) => {
    const year = parse(YearParam, req.params.year, 'year');
    const stored = await storedYear(db, year);
    res.json(
      stored ?? {
        year,
        provisional: true,
        source: '全国年节及纪念日放假办法（法定节日，未含调休）(statutory days only; no published arrangement)',
        days: statutoryHolidays(year).map((h) => ({ ...h, kind: 'holiday' as const })),
      },
    );
  });

  /** Loads a year's official arrangement and re-times every running clock whose count spans that year. */
  router.put('/calendar/:year', allow('admin'), async (req, res) => {
    const year = parse(YearParam, req.params.year, 'year');
    const body = parse(CalendarYearRequest, req.body);
    const outside = body.days.findIndex((d) => !d.date.startsWith(`${year}-`));
    if (outside >= 0) throw invalid([{ path: `days.${outside}.date`, message: `日期不在 ${year} 年内 (the date is not in ${year})` }]);
    await saveYear(db, year, body.days, false, body.source);
    const clocks = await workingDayClocksSpanning(db, year);
    const workflowIds = [
      ...new Set(clocks.map((c) => (c.clock.startsWith('referral:') ? referralWorkflowId(c.case_no, c.clock.slice('referral:'.length) as DepartmentCode) : caseWorkflowId(c.case_no)))),
    ];
    // Durable: a workflow tells every one of them, retrying until each has been told (the answer does not wait).
    const retimingWorkflowId = `calendar-${year}-${randomUUID()}`;
    await withinWorkflowDeadline(temporal, workflowAnswerMs, () =>
      temporal.workflow.start<typeof calendarRetimingWorkflow>('calendarRetimingWorkflow', { workflowId: retimingWorkflowId, taskQueue, args: [{ year, workflowIds }] }),
    );
    res.json({ year, days: body.days.length, retimedWorkflows: workflowIds.length, retimingWorkflowId });
  });

  return router;
}
