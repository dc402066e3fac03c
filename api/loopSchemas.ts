import { z } from 'zod';
import { DEPARTMENT_CODES } from '../domain/departments';
import { MATERIAL_CODES } from '../domain/materials';
import { NOTIFICATION_KINDS } from '../domain/notifications';
import { cleanText, IdNumber, Name, Phone } from './schemas';

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
    caseNo: z.string().nullable(),
    leadId: z.number().nullable().openapi({ description: 'set instead of caseNo for an overdue lead' }),
    kind: z.enum(NOTIFICATION_KINDS),
    clock: z.string().nullable(),
    department: z.enum(DEPARTMENT_CODES).nullable(),
    recipient: z.string().openapi({ example: 'township:370725001' }),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .openapi('Notification');

export const LeadRequest = z
  .strictObject({
    name: Name,
    idNumber: IdNumber.optional(),
    phone: Phone.optional().openapi({ description: 'how to reach the person (or their family)' }),
    hardship: cleanText(z.string().trim().min(1).max(2000)).openapi({ example: '独居老人，近期摔伤无人照料' }),
    urgency: z.enum(['normal', 'emergency']).default('normal'),
  })
  .openapi('LeadRequest');
export const LeadQuery = z.strictObject({ status: z.enum(['open', 'converted', 'closed']).optional() });
export const LeadIdParam = z.coerce.number().int().min(1).max(2_147_483_647);
export const Lead = z
  .object({
    id: z.number(),
    township: z.string(),
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    hardship: z.string(),
    urgency: z.enum(['normal', 'emergency']),
    status: z.enum(['open', 'converted', 'closed']),
    reportedAt: z.string(),
    dueAt: z.string().openapi({ description: '3 working days, 24 hours for an emergency (county settings)' }),
    overdue: z.boolean(),
    sla: z.enum(['on_track', 'breached']).openapi({ description: 'breached once its workflow found it overdue (the window and the county are told)' }),
    escalationLevel: z.number().int().openapi({ description: 'days the county has been told again since the breach' }),
    caseNo: z.string().nullable().openapi({ description: 'the case it became' }),
    closeReason: z.string().nullable(),
    handledAt: z.string().nullable(),
  })
  .openapi('Lead');

export const MissingMaterialsRequest = z
  .strictObject({
    materials: z
      .array(z.enum(MATERIAL_CODES))
      .min(1)
      .max(20)
      .refine((codes) => new Set(codes).size === codes.length, '材料不能重复 (materials must not repeat)')
      .openapi({ description: 'codes of the one-time materials list (requiredMaterials of the intake receipt)' }),
    note: cleanText(z.string().trim().min(1).max(500)).optional(),
  })
  .openapi('MissingMaterialsRequest');
export const MaterialsReceivedRequest = z.strictObject({ note: cleanText(z.string().trim().min(1).max(500)).optional() }).openapi('MaterialsReceivedRequest');
