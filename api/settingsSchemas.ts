import { z } from 'zod';
import { APPROVAL_NEEDS } from '../domain/clocks';
import { DEPARTMENT_CODES } from '../domain/departments';
import { PROGRAMME_SETTING_SCHEMAS, ProgrammeSettingsChange } from '../domain/settings';
import { cleanText } from './schemas';

/** Request and response shapes of the county settings (issue 13); also the source of /openapi.json. */

const CLOCKS = ['approval', 'emergency_aid', 'emergency_paperwork', 'referral'] as const;
const RECIPIENTS = ['department', 'township', 'county'] as const;
/** The longest limit a county may set, per unit. */
const MAX_AMOUNT = { hours: 720, working_days: 60 } as const;

const programmesOf = (clock: (typeof CLOCKS)[number]): readonly string[] =>
  clock === 'approval' ? APPROVAL_NEEDS : clock === 'referral' ? DEPARTMENT_CODES : ['*'];

const whole = (message: string) => z.number().int(message);

export const TimeLimitSetting = z
  .strictObject({
    clock: z.enum(CLOCKS),
    programme: z.string().max(40).openapi({ description: 'need code (approval: dibao, tekun, temporary_expense), department code (referral), * (emergency clocks)' }),
    unit: z.enum(['hours', 'working_days']),
    amount: whole('时限须为整数（不能为半天或半小时）(a time limit is a whole number of hours or working days)').min(1),
    warnBefore: whole('预警点须为整数 (the warning point is a whole number)').min(0).openapi({ description: 'warning point, before the deadline, in the clock’s unit' }),
    escalateEveryHours: whole('升级间隔须为整数小时 (the escalation interval is whole hours)').min(1).max(720),
    escalateTo: z.array(z.enum(RECIPIENTS)).min(1).max(5).optional().openapi({ description: 'recipients by escalation level, the last repeats; default: the clock’s own' }),
  })
  .superRefine((t, ctx) => {
    if (!programmesOf(t.clock).includes(t.programme)) {
      ctx.addIssue({ code: 'custom', path: ['programme'], message: `${t.clock} 的项目应为 ${programmesOf(t.clock).join(', ')} 之一 (programme of ${t.clock}: one of ${programmesOf(t.clock).join(', ')})` });
    }
    if (t.amount > MAX_AMOUNT[t.unit]) ctx.addIssue({ code: 'custom', path: ['amount'], message: `时限不超过 ${MAX_AMOUNT[t.unit]} (at most ${MAX_AMOUNT[t.unit]} ${t.unit})` });
    if (t.warnBefore >= t.amount) ctx.addIssue({ code: 'custom', path: ['warnBefore'], message: '预警点须早于时限 (the warning point must be shorter than the limit)' });
    t.escalateTo?.forEach((recipient, i) => {
      if (recipient === 'department' && t.clock !== 'referral') ctx.addIssue({ code: 'custom', path: ['escalateTo', i], message: '只有转办时限可通报部门 (only a referral clock escalates to a department)' });
    });
  })
  .openapi('TimeLimitSetting');

export const SettingsChangeRequest = z
  .strictObject({
    reason: cleanText(z.string().trim().min(1).max(500)).openapi({ description: '变更理由 (why), kept with the version', example: '县政府常务会议决定缩短低保审批时限' }),
    baseVersion: z.number().int().min(0).optional().openapi({ description: 'the version this change was made against; another version in force answers 409' }),
    timeLimits: z
      .array(TimeLimitSetting)
      .max(50)
      .default([])
      .refine((limits) => new Set(limits.map((l) => `${l.clock}/${l.programme}`)).size === limits.length, '同一时限只能出现一次 (each clock and programme once)'),
    programme: ProgrammeSettingsChange.default({}),
    retimeOpenClocks: z.boolean().default(false).openapi({ description: 'also re-time the clocks already running under the changed time limits (otherwise they keep theirs)' }),
  })
  .superRefine((body, ctx) => {
    if (body.timeLimits.length === 0 && Object.keys(body.programme).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['timeLimits'], message: '没有要变更的设置 (nothing to change: give timeLimits or programme)' });
    }
    if (body.retimeOpenClocks && body.timeLimits.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['retimeOpenClocks'], message: '重新计时需要变更时限 (re-timing needs a changed time limit)' });
    }
  })
  .openapi('SettingsChangeRequest');
export type SettingsChangeRequest = z.output<typeof SettingsChangeRequest>;

export const ProgrammeSettings = z.object(PROGRAMME_SETTING_SCHEMAS).openapi('ProgrammeSettings');

export const SettingsDocument = z
  .object({
    county: z.string(),
    version: z.number().openapi({ description: '0: as seeded, before any change' }),
    timeLimits: z.array(TimeLimitSetting),
    programme: ProgrammeSettings,
    reason: z.string().nullable(),
    changedBy: z.string().nullable().openapi({ description: 'staff:<id>' }),
    changedAt: z.string().nullable(),
    retimeOpenClocks: z.boolean(),
  })
  .openapi('Settings');

export const SettingsVersionSummary = SettingsDocument.pick({ version: true, reason: true, changedBy: true, changedAt: true, retimeOpenClocks: true })
  .extend({ requestId: z.string().nullable() })
  .openapi('SettingsVersionSummary');

export const VersionParam = z.coerce.number().int().min(0).max(1_000_000);
