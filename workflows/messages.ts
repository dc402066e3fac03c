import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Act, CountyAidDecision, CountyAidRequest, Decision, EmergencyAid, ReasonedAct, ReferralCompletion, ReferralResult } from '../domain/acts';
import type { ApprovalLevel, ReviewPlan } from '../domain/review';
import type { ClockId, ClockPolicy, ClockView } from '../domain/clocks';
import type { DepartmentCode } from '../domain/departments';
import type { NeedCode } from '../domain/needs';
import type { CaseStage, ReferralStatus } from '../domain/stages';

/** Workflow inputs and messages, shared by the workflows, the worker and the API. No personal data here. */

export type { Act, ClockView, Decision, EmergencyAid, ReferralCompletion, ReferralResult };

export { caseWorkflowId, referralWorkflowId } from '../domain/workflowIds';
export const benefitWorkflowId = (caseNo: string): string => `benefit-${caseNo}`;

export interface ReferralPlan {
  department: DepartmentCode;
  policy: ClockPolicy;
  /** The department signs for the referral within this (首问负责); absent in cases started before the referral loop. */
  acceptPolicy?: ClockPolicy;
}

export interface CaseWorkflowInput {
  caseNo: string;
  /** The case's `workflow_key` (a UUID, no personal data): its referrals carry it in their memo. */
  caseKey?: string;
  township: string;
  needs: NeedCode[];
  /** ISO instant of acceptance at the window: every clock of the case counts from it. */
  acceptedAt: string;
  clocks: { approval?: ClockPolicy; emergency_aid?: ClockPolicy; emergency_paperwork?: ClockPolicy };
  referrals: ReferralPlan[];
  /** Who approves, the home investigation and the public notice; absent in cases started before (the county decides at once). */
  review?: ReviewPlan;
}

export interface ReferralWorkflowInput extends ReferralPlan {
  caseNo: string;
  township: string;
  acceptedAt: string;
}

/** One run of a benefit: the month it pays (`YYYY-MM`); the amount and account are in PostgreSQL, never here. */
export interface BenefitWorkflowInput {
  caseNo: string;
  month: string;
  /** The last month to pay, or null while the benefit runs until it is stopped. */
  endMonth: string | null;
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
/** An approval that needs a public notice answers with the notice's end: it is final when that passes without objection. */
export const decideUpdate = defineUpdate<{ late: boolean; noticeEndsAt?: string }, [Decision]>('decide');
/** The township passes a case up to the county (提级审核) with a reason; the approval clock keeps running. */
export const escalateReviewUpdate = defineUpdate<{ approver: ApprovalLevel }, [ReasonedAct]>('escalateReview');
/** An objection during the public notice: the proposal falls, the case goes back to investigation and review. */
export const raiseObjectionUpdate = defineUpdate<{ noticeRound: number }, [ReasonedAct]>('raiseObjection');
export const recordEmergencyAidUpdate = defineUpdate<{ late: boolean }, [EmergencyAid]>('recordEmergencyAid');
/** First aid above the township's limit goes to the county as a request (一事一议); the 24-hour clock runs on. */
export const requestCountyAidUpdate = defineUpdate<{ countyRequest: true }, [CountyAidRequest]>('requestCountyAid');
export const decideCountyAidUpdate = defineUpdate<{ late: boolean }, [CountyAidDecision]>('decideCountyAid');
export const completeEmergencyPaperworkUpdate = defineUpdate<{ late: boolean }, [Act]>('completeEmergencyPaperwork');
export const pauseClockUpdate = defineUpdate<ClockView, [ClockPause]>('pauseClock');
export const resumeClockUpdate = defineUpdate<ClockView, [ClockPause]>('resumeClock');
export const extendClockUpdate = defineUpdate<ClockView, [ClockExtension]>('extendClock');
/** A referral tells its case that it is completed, before it answers the department (read your own writes). */
export const referralCompletedSignal = defineSignal<[ReferralResult]>('referralCompleted');
/** The working calendar changed: re-time every working-day clock. */
export const calendarChangedSignal = defineSignal<[{ year: number }]>('calendarChanged');
/** A county's time limits changed and the administrator asked to re-time open clocks: each named clock takes its new policy. */
export interface PolicyChange {
  settingsVersion: number;
  clocks: Array<{ clock: ClockId; policy: ClockPolicy }>;
}
export const policyChangedSignal = defineSignal<[PolicyChange]>('policyChanged');

export const caseStatusQuery = defineQuery<CaseStatus>('caseStatus');
export const referralStateQuery = defineQuery<ReferralState>('referralState');
