import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Amount, ClockId, ClockPolicy, SlaState } from '../domain/clocks';
import type { DepartmentCode } from '../domain/departments';
import type { NeedCode } from '../domain/needs';
import { referralId } from '../domain/routing';
import type { CaseStage, ReferralOutcome, ReferralStatus } from '../domain/stages';

/** Workflow inputs and messages, shared by the workflows, the worker and the API. No personal data here. */

export const caseWorkflowId = (caseNo: string): string => `case-${caseNo}`;
export const referralWorkflowId = (caseNo: string, department: DepartmentCode): string => `case-${referralId(caseNo, department)}`;

export interface ReferralPlan {
  department: DepartmentCode;
  policy: ClockPolicy;
}

export interface CaseWorkflowInput {
  caseNo: string;
  township: string;
  needs: NeedCode[];
  /** ISO instant of acceptance at the window: every clock of the case counts from it. */
  acceptedAt: string;
  clocks: { approval?: ClockPolicy; emergency_aid?: ClockPolicy; emergency_paperwork?: ClockPolicy };
  referrals: ReferralPlan[];
}

export interface ReferralWorkflowInput extends ReferralPlan {
  caseNo: string;
  township: string;
  acceptedAt: string;
}

/** Who acts — a staff reference (`staff:<id>`), never a name — and the API request that asked, for the audit log. */
export interface Act {
  actor: string;
  requestId?: string;
}

export interface ReferralCompletion extends Act {
  outcome: ReferralOutcome;
  measures: string[];
  /**
   * The department's free-text note, already encrypted by the API (db/personalData.ts): free text may name
   * people, and workflow histories must carry no personal data.
   */
  noteCipher?: string;
}

export interface ReferralResult {
  department: DepartmentCode;
  outcome: ReferralOutcome;
  completedAt: string;
}

/** Reasons are free text that may name people: the API encrypts them (db/personalData.ts) before they enter a workflow. */
export interface Decision extends Act {
  decision: 'approve' | 'reject';
  reasonCipher: string;
}

export interface EmergencyAid extends Act {
  amountYuan: number;
  form: 'cash' | 'goods' | 'service';
}

export interface ClockView {
  id: ClockId;
  sla: SlaState;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  provisional: boolean;
  paused: boolean;
  escalationLevel: number;
  budget: Amount;
  metAt?: string;
  late: boolean;
}

export interface CaseStatus {
  stage: CaseStage;
  pendingDepartments: DepartmentCode[];
  clocks: ClockView[];
}

export interface ReferralState {
  status: ReferralStatus;
  result?: ReferralResult;
  clock?: ClockView;
}

export interface ClockPause extends Act {
  clock: ClockId;
  reasonCipher: string;
}
export interface ClockExtension extends ClockPause {
  /** In the clock's own unit (hours or working days). */
  amount: number;
}

export const completeReferralUpdate = defineUpdate<ReferralResult, [ReferralCompletion]>('completeReferral');
export const decideUpdate = defineUpdate<{ late: boolean }, [Decision]>('decide');
export const recordEmergencyAidUpdate = defineUpdate<{ late: boolean }, [EmergencyAid]>('recordEmergencyAid');
export const completeEmergencyPaperworkUpdate = defineUpdate<{ late: boolean }, [Act]>('completeEmergencyPaperwork');
export const pauseClockUpdate = defineUpdate<ClockView, [ClockPause]>('pauseClock');
export const resumeClockUpdate = defineUpdate<ClockView, [ClockPause]>('resumeClock');
export const extendClockUpdate = defineUpdate<ClockView, [ClockExtension]>('extendClock');
/** The working calendar changed: re-time every working-day clock. */
export const calendarChangedSignal = defineSignal<[{ year: number }]>('calendarChanged');

export const caseStatusQuery = defineQuery<CaseStatus>('caseStatus');
export const referralStateQuery = defineQuery<ReferralState>('referralState');
