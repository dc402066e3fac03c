import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Act, CaseEnding, MaterialsMissing, ReasonedAct, ReferOn } from '../domain/acts';
import type { CaseStage, ReferralStatus } from '../domain/stages';

/** Messages of the referral loop (accept, return, re-send, refer on) and of a case's early end. No personal data. */

export type { CaseEnding, MaterialsMissing, ReasonedAct, ReferOn };

export const acceptReferralUpdate = defineUpdate<{ status: ReferralStatus }, [Act]>('acceptReferral');
export const returnReferralUpdate = defineUpdate<{ status: ReferralStatus }, [ReasonedAct]>('returnReferral');
export const resendReferralUpdate = defineUpdate<{ status: ReferralStatus }, [ReasonedAct]>('resendReferral');
export const referOnUpdate = defineUpdate<{ status: ReferralStatus }, [ReferOn]>('referOn');
/** The case was withdrawn or terminated: the referral ends, its clocks stop. Sent by the case to its children. */
export const endReferralSignal = defineSignal<[CaseEnding]>('endReferral');
/** The window records a withdrawal, civil affairs a termination. */
export const endCaseUpdate = defineUpdate<{ stage: CaseStage }, [CaseEnding]>('endCase');
/** The window records materials still missing (the case's clocks pause), and their receipt (they resume). */
export const materialsMissingUpdate = defineUpdate<{ pausedClocks: string[] }, [MaterialsMissing]>('materialsMissing');
export const materialsReceivedUpdate = defineUpdate<{ resumedClocks: string[] }, [ReasonedAct]>('materialsReceived');
/** The case tells its open referrals that materials are awaited (their clocks pause) and that they arrived (they resume). */
export const materialsAwaitedSignal = defineSignal<[MaterialsMissing]>('materialsAwaited');
export const materialsReceivedSignal = defineSignal<[ReasonedAct]>('materialsReceivedByCase');
