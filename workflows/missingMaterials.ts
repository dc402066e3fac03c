import { condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import type { ClockId } from '../domain/clocks';
import type { DepartmentCode } from '../domain/departments';
import type { Clock } from './clock';
import type { CaseEndingHandler } from './caseEnding';
import { referralWorkflowId } from './messages';
import { materialsAwaitedSignal, materialsMissingUpdate, materialsReceivedSignal, materialsReceivedUpdate, type MaterialsMissing } from './referralLoopMessages';
import { refuse } from './refuse';

const DAY_MS = 86_400_000;
/** Patch: the departments' referral clocks pause too (cases before it paused only their own clocks). */
const PAUSES_REFERRALS = 'materials-pause-referrals';

/**
 * Missing materials (补正): while the window waits for materials, the case's clocks are paused with that reason
 * (first aid, 先行救助, never waits), and so are the clocks of its open referrals (each referral is told; see
 * referralMaterialsPause.ts); they resume when the materials are received. With nothing received within
 * the county's limit, the case ends as `not_accepted` with the written reason the window's request carried.
 */
export class MissingMaterials {
  private waiting?: { request: MaterialsMissing; paused: ClockId[]; since: number; referrals: DepartmentCode[] };

  constructor(
    private readonly caseNo: string,
    private readonly clocks: ReadonlyMap<ClockId, Clock>,
    /** The departments whose referrals are still open. */
    private readonly pending: ReadonlySet<DepartmentCode>,
    private readonly ending: CaseEndingHandler,
  ) {
    setHandler(
      materialsMissingUpdate,
      async (request) => {
        const paused = [...this.clocks.entries()].filter(([id, c]) => id !== 'emergency_aid' && !c.isMet && !c.snapshot.paused).map(([id]) => id);
        const referrals = patched(PAUSES_REFERRALS) ? [...this.pending] : [];
        this.waiting = { request, paused, since: Date.now(), referrals };
        for (const id of paused) await this.clocks.get(id)!.pause(request.reasonCipher, request);
        await this.tellReferrals(referrals, (handle) => handle.signal(materialsAwaitedSignal, request));
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
        const { paused, referrals } = this.waiting!;
        this.waiting = undefined;
        const resumed = paused.filter((id) => this.clocks.get(id)!.snapshot.paused);
        for (const id of resumed) await this.clocks.get(id)!.resume(act.reasonCipher, act);
        await this.tellReferrals(referrals, (handle) => handle.signal(materialsReceivedSignal, act));
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

  /** Tells each referral still open; one that has ended meanwhile (completed, referred on) has nothing to pause. */
  private async tellReferrals(departments: DepartmentCode[], tell: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>): Promise<void> {
    await Promise.all(departments.filter((d) => this.pending.has(d)).map((d) => tell(getExternalWorkflowHandle(referralWorkflowId(this.caseNo, d))).catch(() => undefined)));
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
