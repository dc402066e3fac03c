import { z } from 'zod';
import { MONTH } from '../domain/months';
import { cleanText } from './schemas';

/** Request and response shapes of payments: the township reserve fund and monthly benefits. */

const Yuan = z.number().min(0.01).max(10_000_000).multipleOf(0.01, '金额最多两位小数 (at most two decimals: fen)');
const Month = z.string().regex(MONTH, '月份格式应为 YYYY-MM (month: YYYY-MM)').openapi({ example: '2026-12' });

export const TownshipCodeParam = z.string().regex(/^\d{9}$/);

export const ReplenishmentRequest = z
  .strictObject({
    amountYuan: Yuan,
    reference: cleanText(z.string().trim().min(1).max(100)).openapi({ description: '拨付文号等，同一乡镇唯一：重复提交只记一次 (unique per township: a retry records nothing twice)', example: '昌财社〔2026〕12号' }),
  })
  .openapi('ReplenishmentRequest');

const LedgerEntry = z.object({
  kind: z.enum(['opening', 'replenishment', 'payment']),
  amountYuan: z.number().openapi({ description: 'signed: a payment is negative' }),
  balanceAfterYuan: z.number(),
  reference: z.string(),
  caseNo: z.string().nullable(),
  actor: z.string(),
  occurredAt: z.string(),
});

export const ReserveFund = z
  .object({ township: z.string(), balanceYuan: z.number(), entries: z.array(LedgerEntry).openapi({ description: 'newest first, at most 200' }) })
  .openapi('ReserveFund');

export const BenefitRequest = z
  .strictObject({
    monthlyAmountYuan: Yuan.max(100_000),
    startMonth: Month,
    endMonth: Month.optional().openapi({ description: 'the last month to pay; omitted: until stopped' }),
    bankAccount: z.string().regex(/^\d{12,30}$/, '银行账号应为12至30位数字 (bank account: 12 to 30 digits)').openapi({ example: '6222020200112233445' }),
    amountReason: cleanText(z.string().trim().min(1).max(500)).optional().openapi({ description: 'required when the amount differs from the proposal of a valid verification' }),
  })
  .refine((b) => b.endMonth === undefined || b.endMonth >= b.startMonth, { path: ['endMonth'], message: '结束月份不能早于开始月份 (endMonth must not precede startMonth)' })
  .openapi('BenefitRequest');

/** 应退尽退: a raise or reduction (`change`, with the new amount) or a stop, from a month on (next month by default), with the reason. */
export const BenefitChangeRequest = z
  .strictObject({
    kind: z.enum(['change', 'stop']),
    monthlyAmountYuan: Yuan.max(100_000).optional(),
    fromMonth: Month.optional().openapi({ description: 'the first month it applies to; next month (Beijing time) by default, never earlier' }),
    reason: cleanText(z.string().trim().min(1).max(500)),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'change' && b.monthlyAmountYuan === undefined) ctx.addIssue({ code: 'custom', path: ['monthlyAmountYuan'], message: '调整金额须写明新的月救助金额 (a change states the new monthly amount)' });
    if (b.kind === 'stop' && b.monthlyAmountYuan !== undefined) ctx.addIssue({ code: 'custom', path: ['monthlyAmountYuan'], message: '停发不设金额 (a stop has no amount)' });
  })
  .openapi('BenefitChangeRequest');

export const BenefitChange = z
  .object({
    id: z.string(),
    kind: z.enum(['change', 'stop']),
    monthlyAmountYuan: z.number().nullable(),
    fromMonth: z.string(),
    reason: z.string(),
    actor: z.string(),
    createdAt: z.string(),
  })
  .openapi('BenefitChange');

export const Benefit = z
  .object({
    caseNo: z.string(),
    monthlyAmountYuan: z.number(),
    startMonth: z.string(),
    endMonth: z.string().nullable(),
    bankAccount: z.string().openapi({ description: 'masked: the last four digits', example: '***************3445' }),
    payments: z.array(z.object({ month: z.string(), amountYuan: z.number(), paidAt: z.string() })),
    changes: z.array(BenefitChange),
  })
  .openapi('Benefit');

export const BenefitProposal = z
  .object({
    standardYuan: z.number(),
    perCapitaIncomeYuan: z.number(),
    householdSize: z.number(),
    countyMinimumYuan: z.number(),
    computedYuan: z.number().openapi({ description: '(standard − per-capita income) × household size' }),
    proposedYuan: z.number().openapi({ description: 'the computed amount, at least the county minimum' }),
    flooredAtMinimum: z.boolean(),
    verifiedAt: z.string(),
    validUntil: z.string(),
  })
  .openapi('BenefitProposal');
