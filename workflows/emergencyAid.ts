import { patched, setHandler } from '@temporalio/workflow';
import type { Act, CountyAidDecision, CountyAidRequest, EmergencyAid } from '../domain/acts';
import { activities } from './activities';
import type { CaseEndingHandler } from './caseEnding';
import type { Clock } from './clock';
import { completeEmergencyPaperworkUpdate, decideCountyAidUpdate, recordEmergencyAidUpdate, requestCountyAidUpdate } from './messages';
import { refuse } from './refuse';

/**
 * Emergency first aid (先行救助) within 24 hours, its paperwork afterwards (后补办手续), and aid above the
 * township's limit asked of the county (一事一议): the township gives what it may from its reserve fund; the
 * county decides a larger amount, paid from the county's funds; either meets the 24-hour clock.
 */
export class EmergencyAidStep {
  private aidGiven = false;
  private paperworkDone = false;
  /** Set once the paperwork is on record, so that the stage moves on after it, never before. */
  paperworkRecorded = false;
  private countyRequest?: CountyAidRequest;

  constructor(
    private readonly caseNo: string,
    private readonly required: boolean,
    private readonly ending: CaseEndingHandler,
    private readonly clock: (id: 'emergency_aid' | 'emergency_paperwork') => Clock,
    private readonly startPaperworkClock: (startedAt: string) => Promise<void>,
  ) {
    setHandler(recordEmergencyAidUpdate, (aid) => this.give(aid), { validator: (_aid) => this.refuseAid() });
    setHandler(completeEmergencyPaperworkUpdate, (act) => this.completePaperwork(act), { validator: (_act) => this.refusePaperwork() });
    setHandler(requestCountyAidUpdate, (request) => this.askCounty(request), { validator: (_request) => this.refuseAid() });
    setHandler(decideCountyAidUpdate, (decision) => this.countyDecides(decision), { validator: (_decision) => this.refuseCountyDecision() });
  }

  private refuseAid(): void {
    this.ending.refuseIfEnded();
    if (!this.required) throw refuse('not_emergency', '本案不是急难型临时救助 (this is not an emergency case)');
    if (this.aidGiven) throw refuse('aid_already_recorded', '先行救助已登记 (first aid is already recorded)');
    if (this.countyRequest) throw refuse('county_request_pending', '已报县级审批，等待县级决定 (the county is deciding the aid asked of it)');
    this.clock('emergency_aid');
  }

  private async give(aid: EmergencyAid): Promise<{ late: boolean }> {
    this.aidGiven = true;
    const { late } = await this.clock('emergency_aid').meet(aid);
    const at = new Date().toISOString();
    await activities.recordEmergencyAid({ caseNo: this.caseNo, aid, late, at });
    // Cases that recorded first aid before the reserve fund existed continue without paying from it.
    if (patched('reserve-fund-payment')) await activities.payEmergencyAidFromReserve({ caseNo: this.caseNo, aid, at });
    await this.startPaperworkClock(at);
    return { late };
  }

  /** More than the township may give: the county is asked; the 24-hour clock runs on while it decides. */
  private async askCounty(request: CountyAidRequest): Promise<{ countyRequest: true }> {
    this.countyRequest = request;
    await activities.recordCountyAidRequested({ caseNo: this.caseNo, request, at: new Date().toISOString() });
    return { countyRequest: true };
  }

  private refuseCountyDecision(): void {
    this.ending.refuseIfEnded();
    if (!this.countyRequest) throw refuse('no_county_request', '本案没有待县级审批的救助申请 (no aid of this case awaits the county)');
  }

  /** The county approves (the aid is given, from the county's funds) or refuses (the township may give what it may). */
  private async countyDecides(decision: CountyAidDecision): Promise<{ late: boolean }> {
    const request = this.countyRequest!;
    this.countyRequest = undefined;
    const at = new Date().toISOString();
    if (decision.decision === 'reject') {
      await activities.recordCountyAidDecided({ caseNo: this.caseNo, request, decision, at });
      return { late: false };
    }
    this.aidGiven = true;
    const { late } = await this.clock('emergency_aid').meet(decision);
    await activities.recordCountyAidDecided({ caseNo: this.caseNo, request, decision, at });
    await activities.recordEmergencyAid({ caseNo: this.caseNo, aid: { amountYuan: request.amountYuan, form: request.form, actor: decision.actor, requestId: decision.requestId }, late, at });
    await this.startPaperworkClock(at);
    return { late };
  }

  private refusePaperwork(): void {
    this.ending.refuseIfEnded();
    if (!this.aidGiven) throw refuse('aid_not_recorded', '尚未登记先行救助 (first aid is not recorded yet)');
    if (this.paperworkDone) throw refuse('paperwork_already_completed', '补办手续已完成 (the paperwork is already completed)');
    this.clock('emergency_paperwork');
  }

  private async completePaperwork(act: Act): Promise<{ late: boolean }> {
    this.paperworkDone = true;
    const { late } = await this.clock('emergency_paperwork').meet(act);
    await activities.recordEmergencyPaperwork({ caseNo: this.caseNo, act, late, at: new Date().toISOString() });
    this.paperworkRecorded = true;
    return { late };
  }
}
