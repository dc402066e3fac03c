import { condition, setHandler } from '@temporalio/workflow';
import type { ClockId } from '../domain/clocks';
import type { Clock } from './clock';
import type { CaseEndingHandler } from './caseEnding';
import { materialsMissingUpdate, materialsReceivedUpdate, type MaterialsMissing } from './referralLoopMessages';
import { refuse } from './refuse';

const DAY_MS = 86_400_000;

/**
 * Missing materials (补正): while the window waits for materials, the case's clocks are paused with that reason
 * (first aid, 先行救助, never waits); they resume when the materials are received. With nothing received within
 * the county's limit, the case ends as `not_accepted` with the written reason the window's request carried.
 */
export class MissingMaterials {
  private waiting?: { request: MaterialsMissing; paused: ClockId[]; since: number };

  constructor(
    private readonly clocks: ReadonlyMap<ClockId, Clock>,
    private readonly ending: CaseEndingHandler,
  ) {
    setHandler(
      materialsMissingUpdate,
      async (request) => {
        const paused = [...this.clocks.entries()].filter(([id, c]) => id !== 'emergency_aid' && !c.isMet && !c.snapshot.paused).map(([id]) => id);
        this.waiting = { request, paused, since: Date.now() };
        for (const id of paused) await this.clocks.get(id)!.pause(request.reasonCipher, request);
        return { pausedClocks: paused };
      },
      {
        validator: (_request) => {
          this.ending.refuseIfEnded();
          if (this.waiting) throw refuse('materials_already_pending', '已在等待补正材料 (materials are already awaited)');
        },
      },
    );
    setHandler(
      materialsReceivedUpdate,
      async (act) => {
        const { paused } = this.waiting!;
        this.waiting = undefined;
        const resumed = paused.filter((id) => this.clocks.get(id)!.snapshot.paused);
        for (const id of resumed) await this.clocks.get(id)!.resume(act.reasonCipher, act);
        return { resumedClocks: resumed };
      },
      {
        validator: (_act) => {
          this.ending.refuseIfEnded();
          if (!this.waiting) throw refuse('no_materials_pending', '没有待补正的材料 (no materials are awaited)');
        },
      },
    );
  }

  /** Watches the limit of every wait; runs for the whole life of the case. */
  async run(): Promise<void> {
    for (;;) {
      await condition(() => this.waiting !== undefined);
      const wait = this.waiting!;
      const limitMs = wait.request.limitDays * DAY_MS - (Date.now() - wait.since);
      const settled = await condition(() => this.waiting !== wait || this.ending.request !== undefined, Math.max(limitMs, 1));
      if (this.ending.request) return;
      if (settled) continue;
      await this.ending.end({ stage: 'not_accepted', actor: 'system', reasonCipher: wait.request.lapseReasonCipher });
      return;
    }
  }
}
