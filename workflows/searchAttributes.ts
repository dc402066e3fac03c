import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes, so that administrators find cases in the Temporal Web UI
 * (e.g. `CaseNo="20261123-000001"`, `ExecutionStatus="Running" AND SlaState="breached"`).
 * Only codes and dates: never a name, an ID number or a phone.
 */
export const CaseNo = defineSearchAttributeKey('CaseNo', SearchAttributeType.KEYWORD);
export const Township = defineSearchAttributeKey('Township', SearchAttributeType.KEYWORD);
export const Stage = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
export const SlaState = defineSearchAttributeKey('SlaState', SearchAttributeType.KEYWORD);
export const Department = defineSearchAttributeKey('Department', SearchAttributeType.KEYWORD);
export const PendingDepartments = defineSearchAttributeKey('PendingDepartments', SearchAttributeType.KEYWORD_LIST);
export const SlaDeadline = defineSearchAttributeKey('SlaDeadline', SearchAttributeType.DATETIME);
export const Emergency = defineSearchAttributeKey('Emergency', SearchAttributeType.BOOL);
/** The step (activity) a workflow cannot get past, while it cannot: `Blocked="recordClock"`; empty otherwise. */
export const Blocked = defineSearchAttributeKey('Blocked', SearchAttributeType.KEYWORD_LIST);

export const SEARCH_ATTRIBUTES = [CaseNo, Township, Stage, SlaState, Department, PendingDepartments, SlaDeadline, Emergency, Blocked];

export type SlaStateValue = 'on_track' | 'warning' | 'breached' | 'met';
