import { z } from 'zod';
import { CASE_SORTS } from '../db/repositories/caseList';
import { SLA_STATES } from '../domain/clocks';
import { NEED_CODES } from '../domain/needs';
import { CASE_STAGES, REFERRAL_STATUSES } from '../domain/stages';
import { PageParams } from './pagination';
import { Referral } from './schemas';

/** Query and answer shapes of the work lists (issues 7 and 13): inbox, cases, overdue. */

const TownshipFilter = z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为9位数字 (township code: 9 digits)').optional();
const NeedFilter = z.enum(NEED_CODES).optional();

/** A Beijing date (the whole day) or an instant with its offset. */
const DAY_MS = 86_400_000;
const openedBound = (endOfDay: boolean) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: '须为日期 2026-11-01 或带时区的 ISO 时间 (a date or an ISO instant with offset)' })
    .transform((v) => (v.length === 10 ? new Date(Date.parse(`${v}T00:00:00+08:00`) + (endOfDay ? DAY_MS : 0)) : new Date(v)))
    .optional();

export const InboxListQuery = z.strictObject({
  status: z.enum([...REFERRAL_STATUSES, 'all']).default('open'),
  sla: z.enum(SLA_STATES).optional(),
  need: NeedFilter,
  township: TownshipFilter,
  ...PageParams,
});

export const OverdueListQuery = z.strictObject({ sla: z.enum(['warning', 'breached']).optional(), need: NeedFilter, township: TownshipFilter, ...PageParams });

export const CaseListQuery = z.strictObject({
  township: TownshipFilter,
  stage: z.enum(CASE_STAGES).optional(),
  sla: z.enum(SLA_STATES).optional(),
  need: NeedFilter,
  openedFrom: openedBound(false).openapi({ description: 'from this instant, or from the start of this Beijing day' }),
  openedTo: openedBound(true).openapi({ description: 'before this instant, or up to the end of this Beijing day' }),
  sort: z.enum(CASE_SORTS).default('due').openapi({ description: 'due: earliest open deadline first (cases with none last); opened: oldest first' }),
  ...PageParams,
});

export const InboxItem = Referral.extend({ township: z.string(), needs: z.array(z.enum(NEED_CODES)), sla: z.enum(SLA_STATES) }).openapi('InboxItem');

export const CaseListItem = z
  .object({
    caseNo: z.string(),
    township: z.string(),
    stage: z.enum(CASE_STAGES),
    needs: z.array(z.enum(NEED_CODES)),
    sla: z.enum(SLA_STATES).openapi({ description: 'the worst open clock; met when all are met' }),
    dueAt: z.string().nullable().openapi({ description: 'the earliest open deadline' }),
    openedAt: z.string(),
    applicant: z.object({ name: z.string(), idNumber: z.string().openapi({ description: 'full for the township window and county reviewers, otherwise masked' }) }),
  })
  .openapi('CaseListItem');
