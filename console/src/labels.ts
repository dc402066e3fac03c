import type { RELATIONS } from '../../api/schemas';
import { DEPARTMENTS, type DepartmentCode } from '../../domain/departments';
import type { StaffRole } from '../../domain/jurisdiction';
import { MEASURES, type MeasureCode } from '../../domain/measures';
import { NEEDS, type NeedCode } from '../../domain/needs';
import type { ReferralOutcome, ReferralStatus } from '../../domain/stages';
import type { Text } from './i18n';

/** Names of the API's codes, in both languages. Needs and departments come from the domain's own catalogue. */
export const needLabel = (code: NeedCode): Text => [NEEDS[code].zh, NEEDS[code].en];
export const departmentLabel = (code: DepartmentCode): Text => [DEPARTMENTS[code].zh, DEPARTMENTS[code].en];
export const measureLabel = (code: MeasureCode): Text => [MEASURES[code].zh, MEASURES[code].en];

export const ROLE_LABELS: Record<StaffRole, Text> = {
  window: ['受理窗口', 'Service window'],
  department: ['部门经办', 'Department'],
  township_reviewer: ['乡镇审核审批', 'Township reviewer'],
  reviewer: ['审核审批', 'Reviewer'],
  admin: ['督办管理', 'Supervisor'],
  reporter: ['信息员', 'Reporter'],
};

export const SLA_LABELS: Record<'on_track' | 'warning' | 'breached' | 'met', Text> = {
  on_track: ['正常', 'On track'],
  warning: ['临近超时', 'Warning'],
  breached: ['已超时', 'Breached'],
  met: ['已办结', 'Met'],
};

export const OUTCOME_LABELS: Record<ReferralOutcome, Text> = {
  granted: ['给予救助', 'Granted'],
  not_eligible: ['不符合条件', 'Not eligible'],
  referred_elsewhere: ['转其他渠道', 'Referred elsewhere'],
};

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, Text> = {
  open: ['待签收', 'To accept'],
  accepted: ['已签收', 'Accepted'],
  returned: ['已退回', 'Returned'],
  completed: ['已办结', 'Completed'],
  referred_on: ['已转介', 'Referred on'],
  cancelled: ['已撤销', 'Cancelled'],
};

export const RELATION_LABELS: Record<(typeof RELATIONS)[number], Text> = {
  spouse: ['配偶', 'Spouse'],
  child: ['子女', 'Child'],
  parent: ['父母', 'Parent'],
  sibling: ['兄弟姐妹', 'Sibling'],
  grandparent: ['祖父母、外祖父母', 'Grandparent'],
  grandchild: ['孙子女、外孙子女', 'Grandchild'],
  other: ['其他', 'Other'],
};

const STAGE_LABELS: Record<string, Text> = {
  referral: ['部门办理中', 'With departments'],
  approval: ['待审批', 'Awaiting decision'],
  notice: ['公示中', 'Public notice'],
  emergency_paperwork: ['后补手续', 'Emergency paperwork'],
  closed: ['已办结', 'Closed'],
};
export const stageLabel = (stage: string): Text => STAGE_LABELS[stage] ?? [stage, stage];

const CLOCK_LABELS: Record<string, Text> = {
  approval: ['审批时限', 'Approval'],
  emergency_aid: ['先行救助（24小时）', 'Emergency aid (24 h)'],
  emergency_paperwork: ['后补办手续', 'Emergency paperwork'],
};
/** `referral:education` → 转办：县教育局. */
export function clockLabel(clock: string): Text {
  if (clock.startsWith('referral:')) {
    const [zh, en] = departmentLabel(clock.slice('referral:'.length) as DepartmentCode);
    return [`转办：${zh}`, `Referral: ${en}`];
  }
  return CLOCK_LABELS[clock] ?? [clock, clock];
}

const EVENT_LABELS: Record<string, Text> = {
  case_opened: ['受理', 'Case opened'],
  referral_sent: ['转办', 'Referred'],
  referral_completed: ['部门办结', 'Referral completed'],
  stage_changed: ['阶段变更', 'Stage changed'],
  decision_recorded: ['审批决定', 'Decision'],
  home_investigation_recorded: ['入户调查', 'Home investigation'],
  review_escalated: ['提级至县级审批', 'Passed up to the county'],
  notice_opened: ['拟批准，公示', 'Proposed; public notice'],
  notice_objected: ['公示异议', 'Objection to the notice'],
  notice_closed: ['公示结束', 'Public notice ended'],
  emergency_aid_given: ['先行救助', 'Emergency aid given'],
  emergency_paperwork_completed: ['后补手续完成', 'Emergency paperwork completed'],
  clock_started: ['时限开始', 'Clock started'],
  clock_warning: ['时限预警', 'Clock warning'],
  clock_breached: ['时限超时', 'Clock breached'],
  clock_escalated: ['超时督办升级', 'Escalated'],
  clock_paused: ['时限暂停', 'Clock paused'],
  clock_resumed: ['时限恢复', 'Clock resumed'],
  clock_extended: ['时限延长', 'Clock extended'],
  clock_retimed: ['按新日历重算', 'Re-timed (calendar)'],
  clock_met: ['时限完成', 'Clock met'],
};
export const eventLabel = (type: string): Text => EVENT_LABELS[type] ?? [type, type];
