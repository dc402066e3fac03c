import { z } from 'zod';
import './schemas'; // zod with .openapi()

/** Request and response shapes of the review routes (issue 8 items 3–4): validated, and in /openapi.json. */

export const NoticeBoardQuery = z.strictObject({ format: z.enum(['json', 'html']).default('json') }).openapi('NoticeBoardQuery');

export const NoticeBoardEntry = z
  .object({
    caseNo: z.string(),
    maskedName: z.string().openapi({ example: '张*英' }),
    village: z.string().nullable().openapi({ example: '城关村' }),
    needs: z.array(z.string()),
    monthlyAmountYuan: z.number().nullable(),
    endsAt: z.string().datetime(),
  })
  .openapi('NoticeBoardEntry');

export const PublicNotice = z
  .object({
    round: z.number().int(),
    status: z.enum(['open', 'passed', 'objected', 'cancelled']),
    monthlyAmountYuan: z.number().nullable(),
    proposedBy: z.string(),
    openedAt: z.string().datetime(),
    endsAt: z.string().datetime(),
    closedAt: z.string().datetime().nullable(),
    objection: z.object({ by: z.string().nullable(), reason: z.string() }).nullable(),
  })
  .openapi('PublicNotice');
