import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { Router } from 'express';
import { assistanceSettings } from '../../db/repositories/assistanceSettings';
import { changesOfBenefit } from '../../db/repositories/benefitChanges';
import { benefitPayments, findBenefit, saveBenefit } from '../../db/repositories/benefits';
import { presentBenefitChange } from '../present';
import { findCase } from '../../db/repositories/cases';
import { replenishReserveFund, reserveFundStatement, type LedgerEntry } from '../../db/repositories/reserveFund';
import { actorOf } from '../../domain/jurisdiction';
import type { benefitWorkflow } from '../../workflows/benefit';
import { benefitWorkflowId } from '../../workflows/messages';
import { CaseNo, Township } from '../../workflows/searchAttributes';
import type { ApiDeps } from '../deps';
import { benefitProposalOfCase, requireAmountReason } from '../benefitProposal';
import { HttpError, notFound, parse } from '../errors';
import { caseInJurisdiction } from '../jurisdiction';
import { BenefitRequest, ReplenishmentRequest } from '../paymentSchemas';
import { allow, staffOf } from '../policy';
import { townshipInJurisdiction } from '../townshipJurisdiction';

const presentEntry = (e: LedgerEntry) => ({ ...e, amountYuan: Number(e.amountYuan), balanceAfterYuan: Number(e.balanceAfterYuan), occurredAt: e.occurredAt.toISOString() });
const maskAccount = (account: string) => `${'*'.repeat(account.length - 4)}${account.slice(-4)}`;

/** Money out: the township reserve fund (first aid) and the monthly benefits of approved cases. */
export function paymentRoutes({ db, temporal, taskQueue, pii }: ApiDeps): Router {
  const router = Router();

  router.get('/townships/:code/reserve-fund', allow('window', 'township_reviewer', 'reviewer', 'admin'), async (req, res) => {
    const { township, county } = await townshipInJurisdiction(db, staffOf(res), String(req.params.code));
    const { reserveYuanPerResident } = await assistanceSettings(db, county);
    const statement = await reserveFundStatement(db, township, reserveYuanPerResident);
    res.json({ township, balanceYuan: Number(statement.balanceYuan), entries: statement.entries.map(presentEntry) });
  });

  router.post('/townships/:code/reserve-fund/replenishments', allow('admin'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(ReplenishmentRequest, req.body);
    const { township, county } = await townshipInJurisdiction(db, staff, String(req.params.code));
    const { reserveYuanPerResident } = await assistanceSettings(db, county);
    const movement = { township, amountYuan: body.amountYuan, reference: `replenishment:${body.reference}`, actor: actorOf(staff), requestId: String(req.id), at: new Date() };
    const { entry, created } = await replenishReserveFund(db, movement, reserveYuanPerResident);
    if (!created && Number(entry.amountYuan) !== body.amountYuan) {
      throw new HttpError(409, 'reference_reused', '该文号已登记为另一笔拨付 (this reference was entered with another amount)', [{ path: 'reference', message: '文号重复 (reference already used)' }]);
    }
    res.status(created ? 201 : 200).json(presentEntry(entry));
  });

  /** Starts the monthly payment of an approved case: stores the benefit (account encrypted), then its workflow. */
  router.post('/cases/:caseNo/benefit', allow('township_reviewer', 'reviewer'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(BenefitRequest, req.body);
    const { caseNo, townshipCode, countyCode } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const found = await findCase(db, caseNo);
    if (found?.decision !== 'approve') throw new HttpError(409, 'not_approved', '案件尚未批准，不能发放 (the case is not approved)');
    const proposal = await benefitProposalOfCase(db, caseNo, countyCode);
    const decided = found.decided_amount_yuan === null ? undefined : { yuan: Number(found.decided_amount_yuan), decided: true };
    requireAmountReason(decided ?? (proposal && { yuan: proposal.proposedYuan, decided: false }), body.monthlyAmountYuan, body.amountReason);
    const { benefit, created } = await saveBenefit(db, {
      caseNo,
      monthlyAmountYuan: body.monthlyAmountYuan,
      startMonth: body.startMonth,
      endMonth: body.endMonth ?? null,
      bankAccountCipher: pii.encrypt(body.bankAccount),
      approvedBy: actorOf(staff),
      proposedAmountYuan: proposal?.proposedYuan ?? null,
      amountReasonCipher: pii.encryptOptional(body.amountReason),
    });
    const same = benefit && Number(benefit.monthly_amount_yuan) === body.monthlyAmountYuan && benefit.start_month === body.startMonth && benefit.end_month === (body.endMonth ?? null) && pii.decrypt(benefit.bank_account_cipher) === body.bankAccount;
    if (!same) throw new HttpError(409, 'benefit_exists', '本案已有不同条件的发放 (this case already has a benefit on other terms)');
    try {
      // Started again on a retry: a workflow that exists already is the one this request wanted.
      await temporal.workflow.start<typeof benefitWorkflow>('benefitWorkflow', {
        workflowId: benefitWorkflowId(caseNo),
        taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ caseNo, month: body.startMonth, endMonth: body.endMonth ?? null }],
        typedSearchAttributes: [
          { key: CaseNo, value: caseNo },
          { key: Township, value: townshipCode },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw new HttpError(503, 'workflow_unavailable', '发放已保存，但流程暂未启动，请重试 (benefit saved; retry to start its payments)');
    }
    res.status(created ? 201 : 200).json({ caseNo, monthlyAmountYuan: body.monthlyAmountYuan, startMonth: body.startMonth, endMonth: body.endMonth ?? null, bankAccount: maskAccount(body.bankAccount), payments: [] });
  });

  /** The amount proposed from the case's valid verification (决定金额测算), for the reviewer to confirm or change with a reason. */
  router.get('/cases/:caseNo/benefit-proposal', allow('window', 'township_reviewer', 'reviewer'), async (req, res) => {
    const { caseNo, countyCode } = await caseInJurisdiction(db, staffOf(res), String(req.params.caseNo));
    const proposal = await benefitProposalOfCase(db, caseNo, countyCode);
    if (!proposal) throw new HttpError(409, 'verification_missing', '本案没有有效、完整的家庭经济状况核对结果 (no valid and complete family economic verification)');
    res.json({ caseNo, ...proposal });
  });

  router.get('/cases/:caseNo/benefit', allow('window', 'township_reviewer', 'reviewer', 'admin'), async (req, res) => {
    const { caseNo } = await caseInJurisdiction(db, staffOf(res), String(req.params.caseNo));
    const benefit = await findBenefit(db, caseNo);
    if (!benefit) throw notFound(`案件 ${caseNo} 的发放`);
    const [payments, changes] = await Promise.all([benefitPayments(db, caseNo), changesOfBenefit(db, caseNo)]);
    res.json({
      caseNo,
      monthlyAmountYuan: Number(benefit.monthly_amount_yuan),
      startMonth: benefit.start_month,
      endMonth: benefit.end_month,
      bankAccount: maskAccount(pii.decrypt(benefit.bank_account_cipher)),
      payments: payments.map((p) => ({ month: p.month, amountYuan: Number(p.amount_yuan), paidAt: p.paid_at.toISOString() })),
      changes: changes.map((c) => presentBenefitChange(c, pii)),
    });
  });

  return router;
}
