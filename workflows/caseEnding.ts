import { condition, getExternalWorkflowHandle, setHandler, sleep } from '@temporalio/workflow';
import type { ClockId } from '../domain/clocks';
import type { DepartmentCode } from '../domain/departments';
import { activities } from './activities';
import type { Clock } from './clock';
import { referralWorkflowId } from './messages';
import { caseClosed } from './referralLoop';
import { endCaseUpdate, endReferralSignal, type CaseEnding } from './referralLoopMessages';

/**
 * A case that ends before its natural close: the window records the applicant's withdrawal, civil affairs
 * terminate it. Every clock of the case stops (none is left escalating), every open referral is cancelled (its
 * clocks stop too), and the stage becomes `withdrawn` or `terminated`; later actions answer 409 case_closed.
 */
export class CaseEndingHandler {
  /** Set once the ending is on record: the case's stage. */
  stage?: CaseEnding['stage'];
  /** The withdrawal or termination, once asked for. */
  request?: CaseEnding;

  constructor(
    private readonly caseNo: string,
    private readonly clocks: ReadonlyMap<ClockId, Clock>,
    private readonly pending: ReadonlySet<DepartmentCode>,
    private readonly closed: () => boolean,
    /** The clocks the case starts at acceptance: the ending waits until they run, so that it stops them all. */
    private readonly startClocks: readonly ClockId[],
  ) {
    setHandler(endCaseUpdate, (ending) => this.end(ending), { validator: (_ending) => this.refuseIfEnded() });
  }

  /** For the validators of the case's other updates. */
  refuseIfEnded(): void {
    if (this.request || this.closed()) throw caseClosed();
  }

  async end(ending: CaseEnding): Promise<{ stage: CaseEnding['stage'] }> {
    this.request = ending;
    await condition(() => this.startClocks.every((id) => this.clocks.has(id)));
    for (const clock of this.clocks.values()) if (!clock.isMet) await clock.stop(ending);
    const departments = [...this.pending];
    await activities.recordCaseEnded({ caseNo: this.caseNo, ending, departments, at: new Date().toISOString() });
    await Promise.all(departments.map((department) => this.cancelReferral(department, ending)));
    this.stage = ending.stage;
    return { stage: ending.stage };
  }

  /** Tells a referral to end; a child still starting is told again a second later, one that finished is left alone. */
  private async cancelReferral(department: DepartmentCode, ending: CaseEnding): Promise<void> {
    while (this.pending.has(department)) {
      try {
        await getExternalWorkflowHandle(referralWorkflowId(this.caseNo, department)).signal(endReferralSignal, ending);
        return;
      } catch {
        await sleep('1 second');
      }
    }
  }
}
