import type { Kysely, Transaction } from 'kysely';
import { appendCaseEvent } from '../db/repositories/caseEvents';
import { caseJurisdiction, setCaseStage } from '../db/repositories/cases';
import { loadWorkingCalendar } from '../db/repositories/calendar';
import { notify } from '../db/repositories/notifications';
import { addReferral, setReferralStatus } from '../db/repositories/referrals';
import type { Database } from '../db/schema';
import type { Act, CaseEnding, ReasonedAct, ReferOn } from '../domain/acts';
import { clockTimes } from '../domain/clocks';
import type { DepartmentCode } from '../domain/departments';
import type { NotificationKind } from '../domain/notifications';
import { referralId } from '../domain/routing';

interface Step {
  caseNo: string;
  department: DepartmentCode;
  /** The referral workflow's count of loop steps: the key of this one's event (a retry writes nothing twice). */
  step: number;
  at: string;
}

/**
 * The referral loop's facts (首问负责, 转介): each step is the referral's new status, a case event and the
 * notifications that carry it to the township window (and to a department when it is the one to act next),
 * written as one unit. Reasons arrive encrypted and stay so.
 */
export function referralLoopActivities(db: Kysely<Database>) {
  const township = async (caseNo: string) => `township:${(await caseJurisdiction(db, caseNo)).township_code}`;
  const write = async (
    s: Step,
    type: NotificationKind,
    act: Act,
    detail: Record<string, unknown>,
    recipients: string[],
    change: (trx: Transaction<Database>) => Promise<void>,
  ) => {
    const at = new Date(s.at);
    const key = `${type}:${s.department}:${s.step}`;
    await db.transaction().execute(async (trx) => {
      await change(trx);
      await appendCaseEvent(trx, { caseNo: s.caseNo, key, type, actor: act.actor, requestId: act.requestId, detail: { department: s.department, ...detail }, occurredAt: at });
      await notify(trx, { caseNo: s.caseNo, key, kind: type, clock: `referral:${s.department}`, recipients, at });
    });
  };
  const reason = (act: ReasonedAct) => ({ reasonCipher: act.reasonCipher });

  return {
    async recordReferralAccepted(input: Step & { act: Act }): Promise<void> {
      await write(input, 'referral_accepted', input.act, {}, [await township(input.caseNo)], (trx) =>
        setReferralStatus(trx, { ...input, from: ['open'], status: 'accepted', set: { accepted_by: input.act.actor, accepted_at: new Date(input.at) } }),
      );
    },

    async recordReferralReturned(input: Step & { act: ReasonedAct }): Promise<void> {
      await write(input, 'referral_returned', input.act, reason(input.act), [await township(input.caseNo)], (trx) =>
        setReferralStatus(trx, { ...input, from: ['open', 'accepted'], status: 'returned' }),
      );
    },

    async recordReferralResent(input: Step & { act: ReasonedAct }): Promise<void> {
      await write(input, 'referral_resent', input.act, reason(input.act), [`department:${input.department}`], (trx) =>
        setReferralStatus(trx, { ...input, from: ['returned'], status: 'open' }),
      );
    },

    /** Ends this referral as referred_on and opens the new department's, due under its own time limit from now. */
    async recordReferredOn(input: Step & { referOn: ReferOn }): Promise<void> {
      const { to, policy } = input.referOn;
      const times = clockTimes(new Date(input.at), policy.length, policy.warnBefore, await loadWorkingCalendar(db));
      await write(input, 'referral_referred_on', input.referOn, { to, ...reason(input.referOn) }, [await township(input.caseNo), `department:${to}`], async (trx) => {
        await setReferralStatus(trx, { ...input, from: ['open', 'accepted'], status: 'referred_on', set: { referred_to: to, completed_by: input.referOn.actor, completed_at: new Date(input.at) } });
        await addReferral(trx, { id: referralId(input.caseNo, to), caseNo: input.caseNo, department: to, dueAt: times.dueAt, provisional: times.provisional });
      });
    },

    /** The case ended early: the referral is cancelled (its department hears of it from the case's end). */
    async recordReferralCancelled(input: Omit<Step, 'step'> & { ending: CaseEnding }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await setReferralStatus(trx, { ...input, from: ['open', 'accepted', 'returned'], status: 'cancelled', set: { completed_at: new Date(input.at) } });
        await appendCaseEvent(trx, { caseNo: input.caseNo, key: `referral_cancelled:${input.department}`, type: 'referral_cancelled', actor: input.ending.actor, requestId: input.ending.requestId, detail: { department: input.department, stage: input.ending.stage }, occurredAt: new Date(input.at) });
      });
    },

    /** A withdrawal or termination: on record, and told to the township and every department still working on it. */
    async recordCaseEnded(input: { caseNo: string; ending: CaseEnding; departments: DepartmentCode[]; at: string }): Promise<void> {
      const { stage, actor, requestId, reasonCipher } = input.ending;
      const at = new Date(input.at);
      const key = `case_${stage}`;
      const recipients = [await township(input.caseNo), ...input.departments.map((d) => `department:${d}`)];
      await db.transaction().execute(async (trx) => {
        // The stage is on record before the window hears "done": a late action finds the case closed.
        await setCaseStage(trx, input.caseNo, stage, at);
        await appendCaseEvent(trx, { caseNo: input.caseNo, key, type: key, actor, requestId, detail: { stage, reasonCipher, departments: input.departments }, occurredAt: at });
        await notify(trx, { caseNo: input.caseNo, key, kind: key as NotificationKind, clock: null, recipients, at });
      });
    },
  };
}
