import type { Kysely } from 'kysely';
import { caseFlowByTownship, clockFigures, leadFlowByTownship, paymentsByTownship, referralFlowByDepartment } from '../db/repositories/monthlyReport';
import { allDepartments, townshipsOfCounty } from '../db/repositories/reference';
import type { Database } from '../db/schema';
import { monthStart, nextMonth } from '../domain/months';
import type { NeedCode } from '../domain/needs';
import type { MonthlyReport } from './reportSchemas';

type ClockRow = Awaited<ReturnType<typeof clockFigures>>[number];

const presentClock = (r: ClockRow) => ({
  clock: r.clock,
  met: r.met,
  onTime: r.on_time,
  onTimeRate: r.met > 0 ? r.on_time / r.met : null,
  medianHours: r.median_hours === null ? null : Number(r.median_hours),
  breaches: r.breaches,
  escalations: r.escalations,
});

const clocksOf = (rows: ClockRow[], unit: string) => rows.filter((r) => r.unit === unit).map(presentClock);

/** A county's monthly report (issue 9 item 4): every township and department, with zeros where nothing happened. */
export async function monthlyReport(db: Kysely<Database>, county: string, month: string): Promise<MonthlyReport> {
  const period = { county, month, from: monthStart(month), to: monthStart(nextMonth(month)) };
  const [townships, departments, caseFlow, townshipClocks, departmentClocks, referralFlow, payments, leads] = await Promise.all([
    townshipsOfCounty(db, county),
    allDepartments(db),
    caseFlowByTownship(db, period),
    clockFigures(db, period, 'township'),
    clockFigures(db, period, 'department'),
    referralFlowByDepartment(db, period),
    paymentsByTownship(db, period),
    leadFlowByTownship(db, period),
  ]);
  return {
    county,
    month,
    timeZone: 'Asia/Shanghai',
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    townships: townships.map((t) => {
      const flow = caseFlow.find((r) => r.township === t.code);
      const lead = leads.find((r) => r.township === t.code);
      return {
        township: t.code,
        nameZh: t.name_zh,
        cases: { opened: flow?.opened ?? 0, closed: flow?.closed ?? 0, withdrawn: flow?.withdrawn ?? 0, terminated: flow?.terminated ?? 0, notAccepted: flow?.not_accepted ?? 0 },
        clocks: clocksOf(townshipClocks, t.code),
        payments: payments
          .filter((r) => r.township === t.code)
          .map((r) => ({ programme: r.programme as NeedCode, households: r.households, amountYuan: Number(r.amount_yuan) })),
        leads: { received: lead?.received ?? 0, converted: lead?.converted ?? 0 },
      };
    }),
    departments: departments.map((d) => {
      const flow = referralFlow.find((r) => r.department === d.code);
      return {
        department: d.code,
        nameZh: d.name_zh,
        referrals: { received: flow?.received ?? 0, completed: flow?.completed ?? 0 },
        clocks: clocksOf(departmentClocks, d.code),
      };
    }),
  };
}

type Cell = string | number | null;

/**
 * The report as CSV, one figure a line: `month,county,unit,code,name,figure,kind,value`, the figure named by its
 * path in the JSON (`cases.opened`, `clocks.onTimeRate` with the clock as kind, `payments.amountYuan` with the
 * programme). UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese names.
 */
export function monthlyReportCsv(report: MonthlyReport): string {
  const figures = (group: string, values: Record<string, Cell>, kind = ''): Cell[][] => Object.entries(values).map(([name, value]) => [`${group}.${name}`, kind, value]);
  const listed = <T extends Record<string, Cell>>(group: string, items: T[], kindKey: keyof T) =>
    items.flatMap((item) => figures(group, Object.fromEntries(Object.entries(item).filter(([k]) => k !== kindKey)), String(item[kindKey])));
  const units = [
    ...report.townships.map((t) => ({ unit: 'township', code: t.township, name: t.nameZh, lines: [...figures('cases', t.cases), ...listed('clocks', t.clocks, 'clock'), ...listed('payments', t.payments, 'programme'), ...figures('leads', t.leads)] })),
    ...report.departments.map((d) => ({ unit: 'department', code: d.department, name: d.nameZh, lines: [...figures('referrals', d.referrals), ...listed('clocks', d.clocks, 'clock')] })),
  ];
  const lines = [
    ['month', 'county', 'unit', 'code', 'name', 'figure', 'kind', 'value'],
    ...units.flatMap((u) => u.lines.map((line) => [report.month, report.county, u.unit, u.code, u.name, ...line])),
  ];
  return `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; null is empty. */
function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
