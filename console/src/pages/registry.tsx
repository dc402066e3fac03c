import type { JSX } from 'preact';
import type { StaffRole } from '../../../domain/jurisdiction';
import type { MeView } from '../api';
import type { Text } from '../i18n';
import { CalendarPage } from './CalendarPage';
import { CaseListPage } from './CaseListPage';
import { CasePage } from './CasePage';
import { InboxPage } from './InboxPage';
import { LeadIntakePage, LeadsPage } from './LeadsPage';
import { MonthlyReportPage } from './MonthlyReportPage';
import { ReviewPage } from './ReviewPage';
import { SupervisionPage } from './SupervisionPage';
import { WindowPage } from './WindowPage';

/**
 * The console's pages, one per route family of the API, each with the roles the API lets use it: a role sees
 * in its menu, and may open, only its own pages. A new page is one entry.
 */
export interface Page {
  /** Matches the hash path; its groups are the page's parameters. */
  pattern: RegExp;
  /** Shown in the menu (pages without it are reached by links). */
  nav?: { href: string; label: Text };
  roles: StaffRole[];
  render(me: MeView, params: string[]): JSX.Element;
}

export const PAGES: Page[] = [
  { pattern: /^\/window$/, nav: { href: '/window', label: ['受理窗口', 'Window'] }, roles: ['window'], render: (me) => <WindowPage me={me} /> },
  {
    pattern: /^\/review(?:\/(\d{8}-\d{6}))?$/,
    nav: { href: '/review', label: ['审核审批', 'Review'] },
    roles: ['township_reviewer', 'reviewer'],
    render: (_me, [caseNo]) => <ReviewPage caseNo={caseNo} key={caseNo} />,
  },
  { pattern: /^\/window\/cases$/, nav: { href: '/window/cases', label: ['本乡镇案件', 'Township cases'] }, roles: ['window', 'township_reviewer'], render: () => <CaseListPage /> },
  { pattern: /^\/window\/leads$/, nav: { href: '/window/leads', label: ['主动发现线索', 'Leads'] }, roles: ['window'], render: () => <LeadsPage /> },
  { pattern: /^\/window\/leads\/(\d+)$/, roles: ['window'], render: (me, [id]) => <LeadIntakePage me={me} id={Number(id)} key={id} /> },
  { pattern: /^\/supervision$/, nav: { href: '/supervision', label: ['超时督办', 'Supervision'] }, roles: ['admin', 'reviewer'], render: () => <SupervisionPage /> },
  { pattern: /^\/report$/, nav: { href: '/report', label: ['月报告', 'Monthly report'] }, roles: ['admin', 'reviewer'], render: (me) => <MonthlyReportPage me={me} /> },
  { pattern: /^\/inbox$/, nav: { href: '/inbox', label: ['部门待办', 'Inbox'] }, roles: ['department', 'reviewer', 'admin'], render: (me) => <InboxPage me={me} /> },
  { pattern: /^\/calendar$/, nav: { href: '/calendar', label: ['节假日安排', 'Calendar'] }, roles: ['admin'], render: (me) => <CalendarPage me={me} /> },
  { pattern: /^\/cases\/(\d{8}-\d{6})$/, roles: ['window', 'township_reviewer', 'department', 'reviewer', 'admin'], render: (me, [caseNo]) => <CasePage me={me} caseNo={caseNo} key={caseNo} /> },
];

/** The page at `path` if this role may use it. */
export function pageAt(path: string, role: StaffRole): { page: Page; params: string[] } | undefined {
  for (const page of PAGES) {
    const match = page.pattern.exec(path);
    if (match && page.roles.includes(role)) return { page, params: match.slice(1) };
  }
  return undefined;
}

/** Where a role lands after sign-in: its first page in the menu. */
export const homeOf = (role: StaffRole): string => PAGES.find((p) => p.nav && p.roles.includes(role))!.nav!.href;
