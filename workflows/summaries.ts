import type { ClockId, ClockPolicy, ClockView } from '../domain/clocks';
import type { CaseStage } from '../domain/stages';
import type { CaseWorkflowInput, ReferralWorkflowInput } from './messages';

/**
 * What the Temporal Web UI shows an administrator about a workflow: a summary and details fixed at start,
 * current details, and one line on each timer and activity. Codes, dates and counts only — never a name, an ID
 * number, a phone or free text (these texts end up in histories and the UI). Pure functions, usable both by
 * the API (start options) and inside workflows (deterministic).
 */

const BEIJING_MS = 8 * 3_600_000;

/** An instant as Beijing wall time; a deadline at Beijing midnight reads as 24:00 of the day before. */
export function beijing(iso: string | number): string {
  const local = new Date((typeof iso === 'number' ? iso : Date.parse(iso)) + BEIJING_MS).toISOString();
  if (local.slice(11, 16) !== '00:00') return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  return `${new Date(Date.parse(local) - 86_400_000).toISOString().slice(0, 10)} 24:00`;
}

const length = ({ amount, unit }: ClockView['budget']) => `${amount} ${unit === 'hours' ? 'hours' : 'working days'}`;

const limit = (p: ClockPolicy) => `${length(p.length)}, warning ${length({ ...p.length, amount: p.warnBefore })} before`;

function clockName(id: ClockId): string {
  return id.startsWith('referral:') ? `${id.slice('referral:'.length)} referral` : id.replace('_', ' ');
}

/** `approval deadline 2026-12-08 24:00, 10 working days` */
export function deadlineLine(view: ClockView): string {
  return `${clockName(view.id)} deadline ${beijing(view.dueAt)}, ${length(view.budget)}${view.provisional ? ' (provisional calendar)' : ''}`;
}

function policyLines(clocks: CaseWorkflowInput['clocks'], referrals: CaseWorkflowInput['referrals']): string[] {
  const clockLines = Object.entries(clocks).map(([id, p]) => `- ${clockName(id as ClockId)}: ${limit(p!)}`);
  return [...clockLines, ...referrals.map((r) => `- ${clockName(`referral:${r.department}`)}: ${limit(r.policy)}`)];
}

/** `staticSummary` and `staticDetails` of a case workflow (Web UI: "Summary" and "Details"). */
export function caseStartMetadata(input: CaseWorkflowInput): { staticSummary: string; staticDetails: string } {
  const departments = input.referrals.map((r) => r.department);
  return {
    staticSummary: `Case ${input.caseNo} · township ${input.township} · ${input.needs.join(', ')}`,
    staticDetails: [
      `**Case** ${input.caseNo}, accepted ${beijing(input.acceptedAt)} (Beijing time)`,
      `**Township** ${input.township}`,
      `**Programmes** ${input.needs.join(', ')}`,
      `**Departments** ${departments.join(', ') || 'none'}`,
      '**Time limits** (counted from acceptance)',
      ...policyLines(input.clocks, input.referrals),
    ].join('\n'),
  };
}

/** `staticSummary` and `staticDetails` of a referral workflow, started by its case. */
export function referralStartMetadata(input: ReferralWorkflowInput): { staticSummary: string; staticDetails: string } {
  return {
    staticSummary: `Referral of case ${input.caseNo} to ${input.department} · township ${input.township}`,
    staticDetails: [
      `**Case** ${input.caseNo}, accepted ${beijing(input.acceptedAt)} (Beijing time)`,
      `**Department** ${input.department}`,
      `**Township** ${input.township}`,
      `**Time limit** ${limit(input.policy)}`,
    ].join('\n'),
  };
}

const WAITING_FOR: Record<Exclude<CaseStage, 'referral'>, string> = {
  approval: 'the approving reviewer (township or county): approval decision',
  notice: 'the public notice (公示) to end without objection',
  emergency_paperwork: 'the township window: emergency paperwork (后补办手续)',
  closed: 'nobody (closed)',
  withdrawn: 'nobody (withdrawn by the applicant)',
  terminated: 'nobody (terminated by civil affairs)',
  not_accepted: 'nobody (not accepted: materials never came)',
};

/** Where a workflow stands now (Web UI: "Current details"), as Markdown. */
export function currentDetails(state: { stage?: string; waitingFor: string; clocks: ClockView[] }): string {
  const open = state.clocks.filter((c) => c.sla !== 'met' && !c.paused).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const lines = [
    ...(state.stage ? [`**Stage** ${state.stage}`] : []),
    `**Waiting for** ${state.waitingFor}`,
    `**Next deadline** ${open[0] ? `${deadlineLine(open[0])} (${open[0].sla})` : 'none'}`,
  ];
  if (state.clocks.length > 0) {
    lines.push('', '| clock | state | deadline |', '|---|---|---|');
    for (const c of state.clocks) {
      const state_ = c.metAt ? `met ${beijing(c.metAt)}${c.late ? ' (late)' : ''}` : c.paused ? 'paused' : c.sla;
      lines.push(`| ${clockName(c.id)} | ${state_} | ${beijing(c.dueAt)} |`);
    }
  }
  return lines.join('\n');
}

/** Who a case waits for at `stage`. */
export function caseWaitingFor(stage: CaseStage | undefined, pendingDepartments: string[]): string {
  if (stage === undefined || stage === 'referral') return pendingDepartments.length > 0 ? `departments: ${pendingDepartments.join(', ')}` : 'the case to start';
  return WAITING_FOR[stage];
}

/** One line on a timer: which clock step it waits for, found by its fire time among the clocks' views. */
export function timerSummary(fireAt: number, clocks: ClockView[]): string | undefined {
  for (const c of clocks.filter((v) => v.sla !== 'met' && !v.paused)) {
    if (Date.parse(c.warnAt) === fireAt) return `${clockName(c.id)} warning ${beijing(fireAt)} · deadline ${beijing(c.dueAt)}, ${length(c.budget)}`;
    if (Date.parse(c.dueAt) === fireAt) return deadlineLine(c);
  }
  const breached = clocks.find((v) => v.sla === 'breached' && !v.paused && Date.parse(v.dueAt) < fireAt);
  return breached && `${clockName(breached.id)} escalation ${beijing(fireAt)} · overdue since ${beijing(breached.dueAt)}`;
}

type Args = Record<string, unknown> & { clock?: ClockView; event?: { type: string }; department?: string };

/** One line on an activity, from its type and its (code-only) arguments. */
export function activitySummary(type: string, args: unknown[]): string {
  const a = (args[0] ?? {}) as Args;
  switch (type) {
    case 'recordClock':
      return `${a.event!.type.replace('clock_', '')}: ${deadlineLine(a.clock!)}`;
    case 'computeClockTimes': {
      const budget = a.budget as ClockView['budget'];
      return `compute deadline: ${length(budget)} from ${beijing(a.startedAt as string)}`;
    }
    case 'workingDaysBetween':
      return `working days ${beijing(a.from as string)} → ${beijing(a.to as string)}`;
    case 'recordStage':
      return `stage → ${String(a.stage)}`;
    case 'recordReferralSent':
      return `referral sent to ${a.department}`;
    case 'recordReferralCompleted':
      return `${a.department} completed: ${String((a.completion as { outcome?: string })?.outcome)}`;
    case 'recordDecision':
      return `decision: ${String((a.decision as { decision?: string })?.decision)}${a.late ? ' (late)' : ''}`;
    case 'openPublicNotice':
      return `public notice ${String(a.round)} until ${beijing(a.endsAt as string)}`;
    case 'closePublicNotice':
      return `public notice ${String(a.round)} ${String(a.outcome)}`;
    case 'recordObjection':
      return `objection to public notice ${String(a.round)}`;
    case 'recordReviewEscalated':
      return 'passed up to the county (提级)';
    case 'recordEmergencyAid':
      return `emergency aid recorded${a.late ? ' (late)' : ''}`;
    case 'recordEmergencyPaperwork':
      return `emergency paperwork recorded${a.late ? ' (late)' : ''}`;
    default:
      return type;
  }
}
