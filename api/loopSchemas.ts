import { z } from 'zod';
import { DEPARTMENT_CODES } from '../domain/departments';
import { NOTIFICATION_KINDS } from '../domain/notifications';
import { cleanText, IdNumber } from './schemas';

/** Request and response shapes of the intake rules and the referral loop (issue 7): validated, and in /openapi.json. */

const ReasonText = cleanText(z.string().trim().min(1).max(500));

export const BarRequest = z
  .strictObject({
    idNumber: IdNumber,
    reason: ReasonText.openapi({ example: '隐瞒家庭收入骗取低保金' }),
    amountToReturnYuan: z.number().min(0).max(10_000_000),
    from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'default: now' }),
    until: z.iso.datetime({ offset: true }).optional().openapi({ description: 'open-ended when absent' }),
  })
  .refine((b) => !b.from || !b.until || Date.parse(b.until) > Date.parse(b.from), { path: ['until'], message: '结束时间须晚于开始时间 (until must be after from)' })
  .openapi('BarRequest');

export const ReasonRequest = z.strictObject({ reason: ReasonText }).openapi('ReasonRequest');
export const BarIdParam = z.coerce.number().int().min(1).max(2_147_483_647);

export const BarredPerson = z
  .object({
    id: z.number(),
    idNumber: z.string().openapi({ description: 'masked', example: '110105********002X' }),
    reason: z.string(),
    amountToReturnYuan: z.number(),
    from: z.string(),
    until: z.string().nullable(),
    recordedAt: z.string(),
    liftedAt: z.string().nullable(),
    liftReason: z.string().nullable(),
  })
  .openapi('BarredPerson');

export const ReferOnRequest = z.strictObject({ to: z.enum(DEPARTMENT_CODES), reason: ReasonText }).openapi('ReferOnRequest');

export const NotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const NotificationIdParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const Notification = z
  .object({
    id: z.number(),
    caseNo: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    clock: z.string().nullable(),
    department: z.enum(DEPARTMENT_CODES).nullable(),
    recipient: z.string().openapi({ example: 'township:370725001' }),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .openapi('Notification');
