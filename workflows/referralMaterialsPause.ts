import { Mutex } from 'async-mutex';
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { ClockId } from '../domain/clocks';
import type { Clock } from './clock';
import { materialsAwaitedSignal, materialsReceivedSignal } from './referralLoopMessages';

/**
 * A referral's side of missing materials (补正): while the case waits for the applicant's materials, the
 * department's clocks pause with the window's reason, and they resume when the materials are received. Told by the
 * case (signals); a clock met or paused meanwhile is left as it is. One change at a time, so that a receipt that
 * arrives while the pause is still being recorded resumes exactly what was paused.
 */
/** A clock that a department action met, paused or resumed in the meantime refuses the change: nothing to do. */
const alreadyChanged = (err: unknown) => {
  if (!(err instanceof ApplicationFailure && ['clock_met', 'clock_paused', 'clock_not_paused'].includes(err.type ?? ''))) throw err;
};

export class ReferralMaterialsPause {
  private readonly changes = new Mutex();
  private paused: ClockId[] = [];

  constructor(clocks: ReadonlyMap<ClockId, Clock>) {
    const open = (id: ClockId) => !clocks.get(id)!.isMet;
    setHandler(materialsAwaitedSignal, (request) =>
      this.changes.runExclusive(async () => {
        const toPause = [...clocks.keys()].filter((id) => open(id) && !clocks.get(id)!.snapshot.paused);
        for (const id of toPause) await clocks.get(id)!.pause(request.reasonCipher, request).catch(alreadyChanged);
        this.paused.push(...toPause);
      }),
    );
    setHandler(materialsReceivedSignal, (act) =>
      this.changes.runExclusive(async () => {
        const toResume = this.paused.filter((id) => open(id) && clocks.get(id)!.snapshot.paused);
        this.paused = [];
        for (const id of toResume) await clocks.get(id)!.resume(act.reasonCipher, act).catch(alreadyChanged);
      }),
    );
  }
}
