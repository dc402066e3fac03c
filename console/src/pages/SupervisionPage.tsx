import type { ConsoleSettings } from '../../../api/console';
import type { DepartmentCode } from '../../../domain/departments';
import { caseWorkflowId, referralWorkflowId } from '../../../domain/workflowIds';
import type { OverdueEntry } from '../api';
import { CodecSessionButton } from '../components/CodecSessionButton';
import { MoreButton } from '../components/MoreButton';
import { ErrorBanner, Loading, SlaBadge } from '../components/ui';
import { formatTime, useT } from '../i18n';
import { clockLabel, stageLabel } from '../labels';
import { useTownshipName } from '../reference';
import { casePath } from '../route';
import { useLoad } from '../useLoad';
import { usePagedList } from '../usePagedList';

/** The workflow that owns a clock: the case's own, or its referral's. */
function workflowOf(item: OverdueEntry): string {
  return item.clock.startsWith('referral:') ? referralWorkflowId(item.caseNo, item.clock.slice('referral:'.length) as DepartmentCode) : caseWorkflowId(item.caseNo);
}

export function temporalLink(settings: ConsoleSettings, workflowId: string): string {
  return `${settings.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(settings.temporalNamespace)}/workflows?query=${encodeURIComponent(`WorkflowId="${workflowId}"`)}`;
}

/** 督办: breached and at-risk clocks of the county, the oldest deadline first, each with its workflow in the Temporal UI; the first page refreshed every minute (which folds the pages read with 加载更多). */
export function SupervisionPage() {
  const t = useT();
  const townshipName = useTownshipName();
  const board = usePagedList<OverdueEntry>('/admin/overdue', 60_000);
  const settings = useLoad(() => fetch('/console/config.json').then((r) => r.json() as Promise<ConsoleSettings>), 'console-settings');
  return (
    <section aria-labelledby="supervision-title">
      <h1 id="supervision-title">{t(['超时督办', 'Overdue board'])}</h1>
      <div class="toolbar">
        <button type="button" onClick={board.reload}>
          {t(['刷新', 'Refresh'])}
        </button>
        <CodecSessionButton />
      </div>
      <ErrorBanner error={board.error ?? settings.error} />
      {board.loading || !settings.data ? (
        <Loading />
      ) : board.items.length === 0 ? (
        <p class="muted">{t(['没有超时或临近超时的事项', 'Nothing is overdue or at risk'])}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t(['案件编号', 'Case'])}</th>
              <th scope="col">{t(['时限', 'Clock'])}</th>
              <th scope="col">{t(['状态', 'State'])}</th>
              <th scope="col">{t(['期限', 'Due'])}</th>
              <th scope="col">{t(['超时（小时）', 'Overdue (hours)'])}</th>
              <th scope="col">{t(['督办级别', 'Escalation'])}</th>
              <th scope="col">{t(['乡镇（街道）', 'Township'])}</th>
              <th scope="col">{t(['阶段', 'Stage'])}</th>
              <th scope="col">Temporal</th>
            </tr>
          </thead>
          <tbody>
            {board.items.map((i) => (
              <tr key={`${i.caseNo}/${i.clock}`} class={`sla-row-${i.sla}`} data-clock={`${i.caseNo}/${i.clock}`}>
                <td>
                  <a href={`#${casePath(i.caseNo)}`}>{i.caseNo}</a>
                </td>
                <td>
                  {t(clockLabel(i.clock))}
                  {i.paused && ` · ${t(['暂停中', 'paused'])}`}
                </td>
                <td>
                  <SlaBadge sla={i.sla} />
                </td>
                <td>{formatTime(i.dueAt, t.lang)}</td>
                <td class="number">{i.overdueHours > 0 ? i.overdueHours : '—'}</td>
                <td class="number">{i.escalationLevel}</td>
                <td>{townshipName(i.township)}</td>
                <td>{t(stageLabel(i.stage))}</td>
                <td>
                  <a class="temporal-link" href={temporalLink(settings.data!, workflowOf(i))} target="_blank" rel="noopener noreferrer">
                    {t(['查看工作流', 'Workflow'])}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MoreButton list={board} />
    </section>
  );
}
