import { Router } from 'express';
import { benefitChangeNoticeFacts, changesOfBenefit, recordBenefitChange } from '../../db/repositories/benefitChanges';
import { findBenefit } from '../../db/repositories/benefits';
import { renderBenefitChangeNotice } from '../../domain/benefitChangeNotice';
import { actorOf } from '../../domain/jurisdiction';
import { monthOf, nextMonth } from '../../domain/months';
import type { ApiDeps } from '../deps';
import { HttpError, invalid, notFound, parse } from '../errors';
import { caseInJurisdiction } from '../jurisdiction';
import { BenefitChangeRequest } from '../paymentSchemas';
import { allow, staffOf } from '../policy';
import { presentBenefitChange } from '../present';

/**
 * 应退尽退: civil affairs raise, reduce or stop a running benefit with a reason, from next month on at the earliest;
 * the benefit's workflow pays each month what applies then (nothing from a stop on); the household is told in
 * writing (a printable notice) and by SMS.
 */
export function benefitChangeRoutes({ db, pii }: ApiDeps): Router {
  const router = Router();

  router.post('/cases/:caseNo/benefit/changes', allow('township_reviewer', 'reviewer'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(BenefitChangeRequest, req.body);
    const { caseNo } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const benefit = await findBenefit(db, caseNo);
    if (!benefit) throw notFound(`案件 ${caseNo} 的发放`);
    const earliest = nextMonth(monthOf(new Date()));
    const fromMonth = body.fromMonth ?? earliest;
    if (fromMonth < earliest) throw invalid([{ path: 'fromMonth', message: `最早自下月（${earliest}）起 (from next month at the earliest: ${earliest})` }]);
    if (benefit.end_month !== null && fromMonth > benefit.end_month) throw new HttpError(409, 'benefit_ended', `发放至${benefit.end_month}结束 (the benefit ends with ${benefit.end_month})`);
    const stop = (await changesOfBenefit(db, caseNo)).find((c) => c.kind === 'stop');
    const retriedStop = stop?.from_month === fromMonth && body.kind === 'stop';
    if (stop && stop.from_month <= fromMonth && !retriedStop) throw new HttpError(409, 'benefit_stopped', `已自${stop.from_month}起停发 (stopped from ${stop.from_month})`);
    const { change, created } = await recordBenefitChange(db, {
      caseNo,
      kind: body.kind,
      monthlyAmountYuan: body.monthlyAmountYuan ?? null,
      fromMonth,
      reasonCipher: pii.encrypt(body.reason),
      actor: actorOf(staff),
      requestId: String(req.id),
    });
    const same = (change.monthly_amount_yuan === null ? undefined : Number(change.monthly_amount_yuan)) === body.monthlyAmountYuan && pii.decrypt(change.reason_cipher) === body.reason;
    if (!same) throw new HttpError(409, 'change_exists', `${fromMonth}起已有另一项${body.kind === 'stop' ? '停发' : '调整'} (another ${body.kind} from ${fromMonth} is on record)`);
    res.status(created ? 201 : 200).json(presentBenefitChange(change, pii));
  });

  /** The household's written notice of one change (救助金额变更告知书 / 停发告知书). */
  router.get('/cases/:caseNo/benefit/changes/:id/notice', allow('window', 'township_reviewer', 'reviewer'), async (req, res) => {
    const { caseNo } = await caseInJurisdiction(db, staffOf(res), String(req.params.caseNo));
    const id = String(req.params.id);
    const facts = /^\d{1,18}$/.test(id) ? await benefitChangeNoticeFacts(db, pii, caseNo, id) : undefined;
    if (!facts) throw notFound(`发放变更 ${id}`);
    // The page carries personal data: never cached on the way.
    res.set('Cache-Control', 'no-store').type('html').send(renderBenefitChangeNotice(facts));
  });

  return router;
}
