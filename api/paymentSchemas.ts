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

export const Benefit = z
  .object({
    caseNo: z.string(),
    monthlyAmountYuan: z.number(),
    startMonth: z.string(),
    endMonth: z.string().nullable(),
    bankAccount: z.string().openapi({ description: 'masked: the last four digits', example: '***************3445' }),
    payments: z.array(z.object({ month: z.string(), amountYuan: z.number(), paidAt: z.string() })),
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
