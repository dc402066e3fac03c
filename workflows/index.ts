// The worker's workflow bundle: every workflow type, and nothing else.
export { caseWorkflow } from './case';
export { referralWorkflow } from './referral';
export { calendarRetimingWorkflow } from './calendarRetiming';
export { benefitWorkflow } from './benefit';
export { leadWorkflow } from './lead';
