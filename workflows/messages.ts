import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DepartmentCode } from '../domain/departments';
import type { NeedCode } from '../domain/needs';
import { referralId } from '../domain/routing';
import type { CaseStage, ReferralOutcome, ReferralStatus } from '../domain/stages';

/** Workflow inputs and messages, shared by the workflows, the worker and the API. No personal data here. */

export const TASK_QUEUE = 'one-door';

export const caseWorkflowId = (caseNo: string): string => `case-${caseNo}`;
export const referralWorkflowId = (caseNo: string, department: DepartmentCode): string => `case-${referralId(caseNo, department)}`;

export interface ReferralPlan {
  department: DepartmentCode;
  /** ISO instant, computed from the working calendar at intake. */
  dueAt: string;
}

export interface CaseWorkflowInput {
  caseNo: string;
  township: string;
  needs: NeedCode[];
  emergency: boolean;
  referrals: ReferralPlan[];
}

export interface ReferralWorkflowInput extends ReferralPlan {
  caseNo: string;
  township: string;
}

export interface ReferralCompletion {
  outcome: ReferralOutcome;
  measures: string[];
  /**
   * The department's free-text note, already encrypted by the API (db/personalData.ts): free text may name
   * people, and workflow histories must carry no personal data.
   */
  noteCipher?: string;
  /** Who completed it: a staff reference (`staff:<id>`), never a name. */
  actor: string;
  /** The API request that asked for it, for the audit log. */
  requestId?: string;
}

export interface ReferralResult {
  department: DepartmentCode;
  outcome: ReferralOutcome;
  completedAt: string;
}

export interface CaseStatus {
  stage: CaseStage;
  pendingDepartments: DepartmentCode[];
}

export interface ReferralState {
  status: ReferralStatus;
  result?: ReferralResult;
}

export const completeReferralUpdate = defineUpdate<ReferralResult, [ReferralCompletion]>('completeReferral');
export const caseStatusQuery = defineQuery<CaseStatus>('caseStatus');
export const referralStateQuery = defineQuery<ReferralState>('referralState');
