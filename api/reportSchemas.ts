import { z } from 'zod';
import { DEPARTMENT_CODES } from '../domain/departments';
import { MONTH, monthOf } from '../domain/months';
import { NEED_CODES } from '../domain/needs';
import './schemas';

/** Query and answer of the monthly report (issue 9 item 4); what each figure counts: docs/monthly-report.md. */

export const MonthlyReportQuery = z.strictObject({
  month: z
    .string()
    .regex(MONTH, { error: '月份格式应为 YYYY-MM (month: YYYY-MM)', abort: true })
    .refine((month) => month <= monthOf(new Date()), '月份不能晚于本月（北京时间）(the month must not be in the future, Beijing time)')
    .openapi({ description: 'a calendar month in Beijing time; the current month gives the figures so far', example: '2026-11' }),
  county: z.string().regex(/^\d{6}$/, '县（市、区）代码应为6位数字 (county code: 6 digits)').openapi({ description: "the caller's own county", example: '370725' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: text/csv, one figure a line (as does Accept: text/csv); default JSON' }),
});

const ClockFigures = z
  .object({
    clock: z.string().openapi({ description: 'approval, emergency_aid, emergency_paperwork, referral:<department>, accept:<department>' }),
    met: z.number().int().openapi({ description: 'clocks met in the month' }),
    onTime: z.number().int().openapi({ description: 'of those, met before their deadline' }),
    onTimeRate: z.number().nullable().openapi({ description: 'onTime / met; null when none was met' }),
    medianHours: z.number().nullable().openapi({ description: 'median hours from a clock’s start to its being met, of those met in the month' }),
    breaches: z.number().int(),
    escalations: z.number().int(),
  })
  .openapi('ReportClockFigures');

export const MonthlyReport = z
  .object({
    county: z.string(),
    month: z.string(),
    timeZone: z.literal('Asia/Shanghai'),
    from: z.string().openapi({ description: 'the month’s first instant' }),
    to: z.string().openapi({ description: 'the next month’s first instant (exclusive)' }),
    townships: z.array(
      z.object({
        township: z.string(),
        nameZh: z.string(),
        cases: z.object({ opened: z.number().int(), closed: z.number().int(), withdrawn: z.number().int(), terminated: z.number().int(), notAccepted: z.number().int() }),
        clocks: z.array(ClockFigures),
        payments: z.array(z.object({ programme: z.enum(NEED_CODES), households: z.number().int(), amountYuan: z.number() })),
        leads: z.object({ received: z.number().int(), converted: z.number().int() }),
      }),
    ),
    departments: z.array(
      z.object({
        department: z.enum(DEPARTMENT_CODES),
        nameZh: z.string(),
        referrals: z.object({ received: z.number().int(), completed: z.number().int() }),
        clocks: z.array(ClockFigures),
      }),
    ),
  })
  .openapi('MonthlyReport');
export type MonthlyReport = z.infer<typeof MonthlyReport>;
