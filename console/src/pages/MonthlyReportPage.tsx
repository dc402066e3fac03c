import { useState } from 'preact/hooks';
import type { MonthlyReport } from '../../../api/reportSchemas';
import { monthOf } from '../../../domain/months';
import { api, apiFile, type MeView } from '../api';
import { ErrorBanner, Loading } from '../components/ui';
import { useT } from '../i18n';
import { clockLabel, departmentLabel, needLabel } from '../labels';
import { useLoad } from '../useLoad';

type ClockFigures = MonthlyReport['townships'][number]['clocks'][number];

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** A horizontal bar per row: the share of clocks met on time (an ordinary office browser draws it; no chart library). */
function OnTimeChart({ title, rows }: { title: string; rows: { label: string; clock: ClockFigures | undefined }[] }) {
  const t = useT();
  const shown = rows.filter((r) => r.clock && r.clock.met > 0);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {shown.length === 0 ? (
        <p class="muted">{t(['本月无办结', 'Nothing met this month'])}</p>
      ) : (
        shown.map(({ label, clock }) => (
          <div class="chart-row" key={label} data-chart-row={label}>
            <span class="chart-label">{label}</span>
            <span class="chart-track" role="img" aria-label={`${label} ${percent(clock!.onTimeRate)}`}>
              <span class="chart-bar" style={{ width: percent(clock!.onTimeRate === null ? 0 : clock!.onTimeRate) }} />
            </span>
            <span class="chart-value">
              {percent(clock!.onTimeRate)} ({clock!.onTime}/{clock!.met})
            </span>
          </div>
        ))
      )}
    </figure>
  );
}

/** 月报告: the county's month per township and department — cases, time limits on time, payments, leads — and its CSV. */
export function MonthlyReportPage({ me }: { me: MeView }) {
  const t = useT();
  const [month, setMonth] = useState(monthOf(new Date()));
  const query = `/reports/monthly?month=${month}&county=${me.county}`;
  const report = useLoad(() => api<MonthlyReport>('GET', query), query);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const download = async () => {
    setDownloadError(null);
    try {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await apiFile(query, 'text/csv'));
      link.download = `月报告-${me.county}-${month}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (err) {
      setDownloadError(err);
    }
  };
  const r = report.data;
  return (
    <section aria-labelledby="report-title">
      <h1 id="report-title">{t(['月报告', 'Monthly report'])}</h1>
      <div class="toolbar">
        <label>
          {t(['月份', 'Month'])} <input type="month" value={month} max={monthOf(new Date())} onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)} />
        </label>
        <button type="button" onClick={download}>
          {t(['下载 CSV', 'Download CSV'])}
        </button>
      </div>
      <ErrorBanner error={report.error ?? downloadError} />
      {report.loading || !r ? (
        <Loading />
      ) : (
        <>
          <h2>{t(['各乡镇（街道）', 'Townships'])}</h2>
          <table class="list" data-testid="report-townships">
            <thead>
              <tr>
                <th scope="col">{t(['乡镇（街道）', 'Township'])}</th>
                <th scope="col">{t(['受理', 'Opened'])}</th>
                <th scope="col">{t(['办结', 'Closed'])}</th>
                <th scope="col">{t(['撤回', 'Withdrawn'])}</th>
                <th scope="col">{t(['终止', 'Terminated'])}</th>
                <th scope="col">{t(['不予受理', 'Not accepted'])}</th>
                <th scope="col">{t(['超时', 'Breaches'])}</th>
                <th scope="col">{t(['发放（户／元）', 'Paid (households / yuan)'])}</th>
                <th scope="col">{t(['线索（收到／转案）', 'Leads (received / converted)'])}</th>
              </tr>
            </thead>
            <tbody>
              {r.townships.map((w) => (
                <tr key={w.township} data-township={w.township}>
                  <td>{w.nameZh}</td>
                  <td>{w.cases.opened}</td>
                  <td>{w.cases.closed}</td>
                  <td>{w.cases.withdrawn}</td>
                  <td>{w.cases.terminated}</td>
                  <td>{w.cases.notAccepted}</td>
                  <td>{w.clocks.reduce((n, c) => n + c.breaches, 0)}</td>
                  <td>{w.payments.map((p) => `${t(needLabel(p.programme))} ${p.households}／${p.amountYuan.toFixed(2)}`).join('；') || '—'}</td>
                  <td>
                    {w.leads.received}／{w.leads.converted}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <OnTimeChart title={t(['审批按时率（各乡镇）', 'Approvals on time, by township'])} rows={r.townships.map((w) => ({ label: w.nameZh, clock: w.clocks.find((c) => c.clock === 'approval') }))} />
          <h2>{t(['各部门', 'Departments'])}</h2>
          <table class="list" data-testid="report-departments">
            <thead>
              <tr>
                <th scope="col">{t(['部门', 'Department'])}</th>
                <th scope="col">{t(['收到转办', 'Referrals received'])}</th>
                <th scope="col">{t(['办结', 'Completed'])}</th>
                <th scope="col">{t(['超时', 'Breaches'])}</th>
              </tr>
            </thead>
            <tbody>
              {r.departments.map((d) => (
                <tr key={d.department} data-department={d.department}>
                  <td>{t(departmentLabel(d.department))}</td>
                  <td>{d.referrals.received}</td>
                  <td>{d.referrals.completed}</td>
                  <td>{d.clocks.reduce((n, c) => n + c.breaches, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <OnTimeChart title={t(['转办按时率（各部门）', 'Referrals on time, by department'])} rows={r.departments.map((d) => ({ label: t(clockLabel(`referral:${d.department}`)), clock: d.clocks.find((c) => c.clock === `referral:${d.department}`) }))} />
        </>
      )}
    </section>
  );
}
