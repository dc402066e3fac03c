import { z } from 'zod';
import { ECONOMIC_KINDS } from '../domain/familyVerification';
import { MONTH } from '../domain/months';
import { cleanText, IdNumber } from './schemas';

/** Request and response shapes of family economic verification. */

const BatchId = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, '批次号：1至100个字母、数字或 . _ : - (batch id: 1–100 letters, digits, . _ : -)').openapi({ example: 'civil-affairs-2026-11-001' });
const Source = cleanText(z.string().trim().min(1).max(100)).openapi({ example: '县人社局' });

export const EconomicRecordInput = z.strictObject({
  idNumber: IdNumber,
  kind: z.enum(ECONOMIC_KINDS),
  amountYuan: z.number().min(0).max(1_000_000_000).multipleOf(0.01, '金额最多两位小数 (at most two decimals: fen)').openapi({ description: 'monthly for income and social_insurance; the value otherwise' }),
  period: z.string().regex(MONTH, '月份格式应为 YYYY-MM (month: YYYY-MM)').optional(),
});

export const VerificationBatchRequest = z
  .strictObject({ batchId: BatchId, source: Source, records: z.array(EconomicRecordInput).min(1).max(20_000) })
  .openapi('VerificationBatchRequest', { description: 'JSON, or text/csv with ?batchId=&source= and the header idNumber,kind,amountYuan,period' });

export const VerificationCsvQuery = z.strictObject({ batchId: BatchId, source: Source });

export const VerificationBatchReceipt = z
  .object({ batchId: z.string(), records: z.number(), people: z.number(), matchedPeople: z.number().openapi({ description: 'people found through the ID-number blind index' }), replayed: z.boolean() })
  .openapi('VerificationBatchReceipt');

export const VerificationResult = z
  .object({
    caseNo: z.string(),
    provider: z.string(),
    verifiedAt: z.string(),
    validUntil: z.string(),
    valid: z.boolean(),
    householdSize: z.number(),
    standardYuan: z.number(),
    perCapitaIncomeYuan: z.number(),
    eligible: z.boolean(),
    rules: z.array(z.object({ rule: z.string(), passed: z.boolean(), value: z.number(), limit: z.number() })),
    findings: z.array(z.object({ code: z.string(), personId: z.number() })),
    evidence: z.array(z.object({ personId: z.number(), kind: z.string(), amountYuan: z.number(), source: z.string() })),
  })
  .openapi('VerificationResult');
