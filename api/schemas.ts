import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DEPARTMENT_CODES } from '../domain/departments';
import { idNumberProblem, type IdNumberProblem } from '../domain/idNumber';
import { STAFF_ROLES } from '../domain/jurisdiction';
import { MEASURE_CODES } from '../domain/measures';
import { CASE_FLAG_KINDS } from '../domain/duplicates';
import { NEED_CODES } from '../domain/needs';
import { REFERRAL_OUTCOMES, REFERRAL_STATUSES } from '../domain/stages';
import { calendarCovers, STATUTORY_YEARS } from '../domain/statutoryHolidays';
import { MONTH } from '../domain/months';

extendZodWithOpenApi(z);

/** Request and response shapes of the API: validated with zod, and the source of /openapi.json. */

const ID_NUMBER_PROBLEMS: Record<IdNumberProblem, string> = {
  shape: '身份证号应为18位，前17位为数字，末位为数字或大写X (must be 18 characters: 17 digits and a digit or capital X)',
  birth_date: '身份证号中的出生日期无效 (the birth date in the ID number is invalid)',
  check_digit: '身份证号校验位错误 (the check digit of the ID number is wrong)',
};

export const IdNumber = z
  .string()
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_PROBLEMS[problem] });
  })
  .openapi({ description: '居民身份证号码 (GB 11643)', example: '11010519491231002X' });

/**
 * Free text: no control characters (other than tab and line breaks; C1 controls such as U+0085 included), no
 * bidirectional overrides (U+202E turns "3000" into "0003" on screen), no noncharacters (U+FFFF) and no broken
 * Unicode (lone surrogates), which PostgreSQL refuses and no person types.
 */
const CONTROL_OR_BROKEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const cleanText = (schema: z.ZodString) =>
  schema.refine((value) => !CONTROL_OR_BROKEN.test(value), '不能包含控制字符、方向控制符、非字符或残缺的 Unicode 字符 (no control, bidi-override or noncharacters, no broken Unicode)');

/** A person's name: letters (and the middle dot of transcribed names), never invisible formatting characters alone. */
export const Name = cleanText(z.string().trim().min(1).max(50))
  .refine((value) => !/\p{Cf}/u.test(value), '姓名不能包含不可见的格式字符 (a name has no invisible formatting characters)')
  .refine((value) => /\p{L}/u.test(value), '姓名须包含文字 (a name needs letters)');
/** Mobile numbers 13x–19x; landlines with an area code 0[1-9]… and a local number that does not start with 0 or 1. */
export const Phone = z
  .string()
  .regex(/^(1[3-9]\d{9}|0[1-9]\d{1,2}-?[2-9]\d{6,7})$/, '电话号码格式不正确 (phone number: 11-digit mobile or area code and number)')
  .openapi({ example: '13800138000' });

/** Money in yuan, to the fen: positive, at most two decimals (0.001 and 1e-7 are not amounts). */
const Yuan = (max: number, maxMessage?: string) =>
  z
    .number()
    .min(0.01, '金额至少 0.01 元 (at least 0.01 yuan)')
    .max(max, maxMessage)
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, '金额最多两位小数（精确到分）(at most two decimals: yuan and fen)');

export const RELATIONS = ['spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other'] as const;

const Applicant = z.strictObject({ name: Name, idNumber: IdNumber, phone: Phone.optional() });
const Member = z.strictObject({ name: Name, idNumber: IdNumber, relation: z.enum(RELATIONS) });

export const IntakeRequest = z
  .strictObject({
    township: z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为9位数字 (township code: 9 digits)').openapi({ example: '370725001' }),
    applicant: Applicant,
    household: z
      .strictObject({
        /** The village or community (村/社区) the household lives in: the public notice board names it. */
        village: cleanText(z.string().trim().min(1).max(50)).optional().openapi({ example: '城关村' }),
        members: z.array(Member).max(30),
      })
      .default({ members: [] }),
    needs: z
      .array(z.enum(NEED_CODES))
      .min(1)
      .refine((needs) => new Set(needs).size === needs.length, '救助需求不能重复 (needs must not repeat)'),
    emergency: z
      .strictObject({
        description: cleanText(z.string().trim().min(1).max(2000)),
        requestedAmountYuan: Yuan(1_000_000),
      })
      .optional(),
    narrative: cleanText(z.string().max(5000)).optional(),
  })
  .superRefine((body, ctx) => {
    const hasEmergencyNeed = body.needs.includes('temporary_emergency');
    if (hasEmergencyNeed && !body.emergency) {
      ctx.addIssue({ code: 'custom', path: ['emergency'], message: '急难型临时救助须填写急难情况 (temporary_emergency needs an emergency description)' });
    }
    if (!hasEmergencyNeed && body.emergency) {
      ctx.addIssue({ code: 'custom', path: ['needs'], message: '填写了急难情况时须包含 temporary_emergency (an emergency requires the need temporary_emergency)' });
    }
    const seen = new Set([body.applicant.idNumber]);
    body.household.members.forEach((member, i) => {
      if (seen.has(member.idNumber)) {
        ctx.addIssue({ code: 'custom', path: ['household', 'members', i, 'idNumber'], message: '同一身份证号重复出现 (the same ID number appears twice)' });
      }
      seen.add(member.idNumber);
    });
  })
  .openapi('IntakeRequest');
export type IntakeRequest = z.output<typeof IntakeRequest>;

export const IdempotencyKey = z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/, '只能包含可见 ASCII 字符 (visible ASCII only)');

const Material = z.object({ code: z.string(), zh: z.string(), en: z.string() });

export const Referral = z
  .object({
    id: z.string(),
    caseNo: z.string(),
    department: z.enum(DEPARTMENT_CODES),
    status: z.enum(REFERRAL_STATUSES),
    dueAt: z.string().openapi({ format: 'date-time' }),
    dueProvisional: z.boolean(),
    outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
    measures: z.array(z.enum(MEASURE_CODES)).nullable().openapi({ description: 'measure codes (GET /departments lists each department’s)' }),
    note: z.string().nullable().openapi({ description: 'need-to-know: the department itself and civil affairs (window, reviewers, the bureau) read it' }),
    noteWithheld: z.boolean().openapi({ description: 'there is a note the caller may not read' }),
    acceptedAt: z.string().nullable(),
    referredTo: z.enum(DEPARTMENT_CODES).nullable(),
    completedAt: z.string().nullable(),
  })
  .openapi('Referral');

export const IntakeReceipt = z
  .object({
    caseNo: z.string().openapi({ example: '20261123-000001' }),
    stage: z.string(),
    township: z.string(),
    needs: z.array(z.enum(NEED_CODES)),
    referrals: z.array(Referral),
    requiredMaterials: z.array(Material).openapi({ description: '一次性告知：申请人还需提供的材料' }),
    sharedData: z.array(Material).openapi({ description: '通过部门信息共享获取、无需申请人提供的信息' }),
    openedAt: z.string(),
  })
  .openapi('IntakeReceipt');

export const CaseFlag = z
  .object({ kind: z.enum(CASE_FLAG_KINDS), path: z.string().openapi({ example: 'household.members.0' }), otherCaseNo: z.string() })
  .openapi('CaseFlag');

export const CaseDetail = IntakeReceipt.omit({ requiredMaterials: true, sharedData: true })
  .extend({
    applicant: z.object({
      name: z.string(),
      idNumber: z.string().openapi({ description: 'full for the township window and county reviewers, otherwise masked', example: '110105********002X' }),
    }),
    emergency: z.object({ description: z.string(), requestedAmountYuan: z.number() }).nullable(),
    closedAt: z.string().nullable(),
    flags: z.array(CaseFlag).openapi({ description: 'for the township window and county reviewers: other open cases of these people, aid already received' }),
    timeline: z.array(
      z.object({
        type: z.string(),
        actor: z.string().openapi({ description: 'staff:<id> or system', example: 'staff:1' }),
        requestId: z.string().nullable().openapi({ description: 'X-Request-Id of the request that caused it' }),
        detail: z.record(z.string(), z.unknown()),
        occurredAt: z.string(),
      }),
    ),
  })
  .openapi('CaseDetail');

export const CaseNoParam = z.string().regex(/^\d{8}-\d{6}$/);
export const ReferralIdParam = z.string().regex(/^\d{8}-\d{6}-[a-z_]{1,40}$/);

export const ReferralCompletionRequest = z
  .strictObject({
    outcome: z.enum(REFERRAL_OUTCOMES),
    measures: z
      .array(z.enum(MEASURE_CODES))
      .max(20)
      .refine((codes) => new Set(codes).size === codes.length, '措施不能重复 (measures must not repeat)')
      .default([])
      .openapi({ description: 'codes from the catalogue of the department (GET /departments); anything more goes into note' }),
    note: cleanText(z.string().max(2000)).optional().openapi({ description: 'free text, stored encrypted; read by the department and civil affairs only' }),
  })
  .openapi('ReferralCompletionRequest');

export const Township = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), population: z.number() }).openapi('Township');
export const Department = z
  .object({ code: z.enum(DEPARTMENT_CODES), nameZh: z.string(), nameEn: z.string(), measures: z.array(z.object({ code: z.enum(MEASURE_CODES), zh: z.string(), en: z.string() })) })
  .openapi('Department');
export const TimeLimit = z
  .object({
    county: z.string(),
    clock: z.enum(['approval', 'emergency_aid', 'emergency_paperwork', 'referral']),
    programme: z.string().openapi({ description: 'need code (approval), department code (referral) or *' }),
    unit: z.enum(['hours', 'working_days']),
    amount: z.number(),
    warnBefore: z.number(),
    escalateEveryHours: z.number(),
  })
  .openapi('TimeLimit');

export const Me = z
  .object({
    id: z.number(),
    username: z.string(),
    role: z.enum(STAFF_ROLES),
    county: z.string(),
    township: z.string().nullable(),
    department: z.enum(DEPARTMENT_CODES).nullable(),
  })
  .openapi('Me');

export const ErrorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string(), caseNo: z.string().optional() })) }),
  })
  .openapi('Error');

export const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

// ---- time limits (issue 3) ----

export const Reason = cleanText(z.string().trim().min(1).max(500));

/**
 * An approval of a monthly benefit (低保, 特困) states the amount and the first month; an amount other than the proposal
 * of a valid verification ((standard − income) × size, at least the county minimum) states why.
 */
export const DecisionRequest = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: Reason,
    monthlyAmountYuan: Yuan(100_000).optional(),
    startMonth: z.string().regex(MONTH, '月份格式应为 YYYY-MM (month: YYYY-MM)').optional().openapi({ example: '2026-12' }),
    amountReason: Reason.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'approve') return;
    for (const path of ['monthlyAmountYuan', 'startMonth', 'amountReason'] as const) {
      if (d[path] !== undefined) ctx.addIssue({ code: 'custom', path: [path], message: '不予救助不设金额 (a rejection has no amount)' });
    }
  })
  .openapi('DecisionRequest');

/**
 * The township gives first aid up to its county's limit itself (setting `reserveFundFirstAidLimitYuan`, 3000 yuan by
 * default, 003 §6); more goes to the county as a request (一事一议), with the reason why.
 */
export const EmergencyAidRequest = z
  .strictObject({
    amountYuan: Yuan(1_000_000, '先行救助金额不超过100万元 (first aid is at most 1,000,000 yuan)'),
    form: z.enum(['cash', 'goods', 'service']),
    /** Required above the township's limit: why the county should give more (一事一议). */
    reason: Reason.optional(),
  })
  .openapi('EmergencyAidRequest');

export const CountyAidDecisionRequest = z.strictObject({ decision: z.enum(['approve', 'reject']), reason: Reason }).openapi('CountyAidDecisionRequest');

export const ClockIdParam = z.string().regex(/^(approval|emergency_aid|emergency_paperwork|referral:[a-z_]{1,40})$/, '未知的时限 (unknown time limit)');
export const ClockAction = z.enum(['pause', 'resume', 'extend']);
export const ClockActionRequest = z
  .strictObject({
    reason: Reason,
    amount: z.number().positive().max(60).optional().openapi({ description: 'extend only, in the clock’s unit: whole working days, or hours in steps of 0.5' }),
  })
  .openapi('ClockActionRequest');

export const DeadlineQuery = z.strictObject({
  from: z.iso
    .datetime({ offset: true, error: '须为带时区的 ISO 时间，如 2026-02-12T10:00:00+08:00 (an ISO instant with offset)' })
    .refine((from) => Number.isNaN(Date.parse(from)) || calendarCovers(new Date(from)), `须在 ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last} 年内 (must fall in ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last}, the years of the working calendar)`),
  workingDays: z.coerce.number().int().min(1).max(365),
});

export const YearParam = z.coerce.number().int().min(STATUTORY_YEARS.first).max(STATUTORY_YEARS.last);
export const CalendarYearRequest = z
  .strictObject({
    source: cleanText(z.string().trim().min(1).max(200)).openapi({ example: '国务院办公厅关于2027年部分节假日安排的通知' }),
    days: z
      .array(z.strictObject({ date: z.iso.date(), kind: z.enum(['holiday', 'workday']), name: cleanText(z.string().trim().min(1).max(50)) }))
      .max(120)
      .refine((days) => new Set(days.map((d) => d.date)).size === days.length, '日期不能重复 (each date once)'),
  })
  .openapi('CalendarYearRequest');

export const ClockSnapshot = z
  .object({
    clock: z.string(),
    sla: z.enum(['on_track', 'warning', 'breached', 'met']),
    startedAt: z.string(),
    dueAt: z.string(),
    provisional: z.boolean(),
    paused: z.boolean(),
    escalationLevel: z.number(),
    metAt: z.string().nullable(),
    late: z.boolean(),
  })
  .openapi('Clock');

export const OverdueItem = z
  .object({ caseNo: z.string(), clock: z.string(), sla: z.enum(['warning', 'breached']), dueAt: z.string(), overdueHours: z.number(), escalationLevel: z.number(), paused: z.boolean(), township: z.string(), stage: z.string() })
  .openapi('OverdueItem');
export const EmptyRequest = z.strictObject({}).openapi('EmptyRequest');
