import fc from 'fast-check';
import { sql } from 'kysely';
import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

/**
 * Hostile input, property-based: hundreds of malformed, oversized, wrongly typed and injection-laden requests
 * across every route, with and without valid tokens. Every request is built to fail (or only to read), so:
 * no answer is 5xx, every 4xx answer has the error shape, and not one row is written.
 */

// HOSTILE_RUNS=5000 npx jest test/api/hostileInput.test.ts digs deeper.
const RUNS = Number(process.env.HOSTILE_RUNS ?? 600);

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  '1; select pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '𝕏😀👨‍👩‍👧',
  '%00',
  '%E0%A4%A',
  'null',
  'undefined',
  'NaN',
  '1e309',
  '-0',
  '__proto__',
  'constructor',
  '\r\nX-Injected: 1',
];

/** Percent-encodes anything, lone surrogates included (as the invalid UTF-8 a hostile client would send). */
const encodeHostile = (value: string) =>
  value
    .split(/([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/)
    .map((part, i) => (i % 2 === 1 ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');

const hostileString = fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
/** Hostile strings for bodies, where length is no problem for the transport. */
const hostileText = fc.oneof(hostileString, fc.constant('A'.repeat(5000)));
const anythingDefined = (maxDepth: number) => fc.anything({ maxDepth }).filter((v) => v !== undefined);
/** Values of the wrong type for a string field. */
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
/** Values a free-text field must refuse: wrong types, too long, control characters, broken Unicode. */
const badText = (max: number) =>
  fc.oneof(
    notAString,
    fc.constant(''),
    fc.constant('x'.repeat(max + 1)),
    fc.constantFrom('\u0000', 'a\u0007b', '\ud800x', 'x\udc00', '\u001b[31m'),
  );

type Mutation = [path: readonly (string | number)[], value: unknown];

const set = (target: unknown, path: readonly (string | number)[], value: unknown): unknown => {
  const copy = structuredClone(target) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  // An own property even for "__proto__", as JSON.parse makes it on the server.
  Object.defineProperty(node, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy;
};

/** A valid intake with exactly one thing made invalid. */
const badIntake = fc
  .oneof(
    fc.tuple(fc.constant(['township']), fc.oneof(notAString, hostileString.filter((s) => !/^\d{9}$/.test(s)), fc.constantFrom('370725999', '370725002'))),
    fc.tuple(fc.constant(['applicant']), fc.oneof(fc.constant(null), fc.string(), fc.array(fc.anything(), { maxLength: 2 }))),
    fc.tuple(fc.constant(['applicant', 'name']), badText(50)),
    fc.tuple(fc.constant(['applicant', 'idNumber']), fc.oneof(notAString, hostileText, fc.constant('11010519491231002x'), fc.constant('110105194913310028'))),
    fc.tuple(fc.constant(['applicant', 'phone']), fc.oneof(notAString, hostileString.filter((s) => !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(s)))),
    fc.tuple(fc.constant(['applicant', 'role']), fc.constant('admin')),
    fc.tuple(fc.constant(['household', 'members']), fc.oneof(fc.constant('all'), fc.constant(null), fc.constant(Array.from({ length: 31 }, () => ({ name: 'x', idNumber: '11010519491231002X', relation: 'child' }))))),
    fc.tuple(fc.constant(['household', 'members', 0, 'relation']), fc.oneof(notAString, hostileString)),
    fc.tuple(fc.constant(['household', 'members', 0, 'name']), badText(50)),
    fc.tuple(fc.constant(['needs']), fc.oneof(fc.constant([]), fc.constant(['dibao', 'dibao']), fc.array(hostileString, { minLength: 1, maxLength: 3 }), notAString)),
    fc.tuple(fc.constant(['emergency']), fc.oneof(fc.constant({ description: '火灾', requestedAmountYuan: 3000 }), notAString)),
    fc.tuple(fc.constant(['narrative']), fc.oneof(notAString.filter((v) => v !== null), fc.constant('x'.repeat(5001)), fc.constantFrom('\u0000', '\ud800', '\u202e', '\u0085', '\uffff'))),
    fc.tuple(fc.constant(['household', 'village']), badText(50)),
    fc.tuple(fc.constant(['applicant', 'name']), fc.constantFrom('\u202e张三', '张\u0085三', '张三\uffff', '\u200b\u200c', '\ufeff')),
    fc.tuple(fc.constant(['applicant', 'phone']), fc.constantFrom('00000000000', '10000000000', '0000-0000000')),
    fc.tuple(fc.constantFrom(['__proto__'], ['constructor'], ['isAdmin'], ['staff']), anythingDefined(2)),
  )
  .map(([path, value]: Mutation) => set(buildIntake({ needs: ['dibao', 'education'] }), path, value));

/** A valid emergency intake with exactly one thing in its emergency made invalid. */
const badEmergency = fc
  .oneof(
    fc.tuple(fc.constant(['emergency', 'description']), badText(2000)),
    fc.tuple(fc.constant(['emergency', 'requestedAmountYuan']), fc.oneof(notAString.filter((v) => typeof v !== 'number' || !(v >= 0.01 && v <= 1_000_000 && Number.isInteger(v * 100))), fc.constantFrom(0, -1, 0.001, 1e-7, 12.345, 1_000_000.01))),
    fc.tuple(fc.constant(['emergency', 'extra']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set(buildIntake({ needs: ['temporary_emergency'], emergency: { description: '房屋失火', requestedAmountYuan: 2000 } }), path, value));

/** Bodies of the case actions, each with one thing made invalid. */
const badDecision = fc
  .oneof(
    fc.tuple(fc.constant(['decision']), fc.oneof(notAString, hostileString.filter((s) => s !== 'approve' && s !== 'reject'))),
    fc.tuple(fc.constant(['reason']), badText(500)),
    // A rejection carries no benefit terms; malformed ones are refused too.
    fc.tuple(fc.constantFrom(['monthlyAmountYuan'], ['startMonth'], ['amountReason']), fc.oneof(notAString, fc.constantFrom('2026-13', 0.001, -1, 1200))),
    fc.tuple(fc.constantFrom(['actor'], ['late'], ['reasonCipher'], ['by'], ['investigatedInRound']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ decision: 'reject', reason: '不符合条件' }, path, value));
/** A change or stop of a benefit with one thing made invalid (refused before the case is even looked at). */
const badBenefitChange = fc
  .oneof(
    fc.tuple(fc.constant(['kind']), fc.oneof(notAString, hostileString.filter((s) => s !== 'change' && s !== 'stop'))),
    fc.tuple(fc.constant(['monthlyAmountYuan']), fc.oneof(notAString.filter((v) => v !== null && typeof v !== 'number'), fc.constantFrom(0, -5, 0.001, 100_000.01))),
    fc.tuple(fc.constant(['fromMonth']), fc.oneof(notAString, fc.constantFrom('2026-13', '26-12', '2026-1', ''))),
    fc.tuple(fc.constant(['reason']), badText(500)),
    fc.tuple(fc.constantFrom(['actor'], ['caseNo']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ kind: 'change', monthlyAmountYuan: 600, reason: '收入增加' }, path, value));
const badAid = fc
  .oneof(
    fc.tuple(fc.constant(['amountYuan']), fc.oneof(notAString.filter((v) => typeof v !== 'number' || !(v >= 0.01 && v <= 3000 && Number.isInteger(v * 100))), fc.constantFrom(0, -5, 0.001, 1e-7, 3000.01, 5000, 1_000_000.01))),
    fc.tuple(fc.constant(['form']), fc.oneof(notAString, hostileString.filter((s) => !['cash', 'goods', 'service'].includes(s)))),
    fc.tuple(fc.constantFrom(['actor'], ['late']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ amountYuan: 500, form: 'cash' }, path, value));
/** Pause ignores `amount`: so every body here is invalid whatever the action. */
const badClockAction = fc
  .oneof(
    fc.tuple(fc.constant(['reason']), badText(500)),
    fc.tuple(fc.constant(['amount']), fc.oneof(notAString.filter((v) => typeof v !== 'number'), fc.constantFrom(0, -1, 61, 1e9, -0.5))),
    fc.tuple(fc.constantFrom(['clock'], ['actor'], ['reasonCipher']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ reason: '补正材料', amount: 1 }, path, value));
/** A year's arrangement (for 2098) with one thing made invalid. */
const badCalendarYear = fc
  .oneof(
    fc.tuple(fc.constant(['source']), badText(200)),
    fc.tuple(fc.constant(['days']), fc.oneof(notAString.filter((v) => !Array.isArray(v)), fc.constant(Array.from({ length: 121 }, (_, i) => ({ date: `2098-01-${String((i % 28) + 1).padStart(2, '0')}`, kind: 'holiday', name: 'x' }))))),
    fc.tuple(fc.constant(['days', 0, 'date']), fc.oneof(notAString, hostileString, fc.constantFrom('2098-02-30', '2097-01-01', '2098-1-1', '2098-13-01'))),
    fc.tuple(fc.constant(['days', 0, 'kind']), fc.oneof(notAString, hostileString.filter((s) => s !== 'holiday' && s !== 'workday'))),
    fc.tuple(fc.constant(['days', 0, 'name']), badText(50)),
    fc.tuple(fc.constant(['days', 1]), fc.constant({ date: '2098-01-01', kind: 'workday', name: '重复' })),
    fc.tuple(fc.constantFrom(['provisional'], ['year'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ source: '国务院办公厅通知', days: [{ date: '2098-01-01', kind: 'holiday', name: '元旦' }] }, path, value));
/** What a codec client might send: anything, or payloads that do not decrypt. */
const b64 = (text: string) => Buffer.from(text).toString('base64');
const badCodecBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ payloads: fc.array(fc.record({ metadata: fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(hostileString, fc.constant(b64('binary/encrypted')))), data: fc.oneof(hostileString, fc.base64String({ maxLength: 200 })) }), { maxLength: 3 }) }),
  fc.record({ payloads: fc.array(fc.record({ metadata: fc.constant({ encoding: b64('binary/encrypted'), 'encryption-key-id': b64('k1') }), data: fc.base64String({ maxLength: 200 }) }), { minLength: 1, maxLength: 3 }) }),
  fc.constant({ payloads: Array.from({ length: 501 }, () => ({ metadata: {}, data: '' })) }),
);

/** A valid referral completion with exactly one thing made invalid. */
const badCompletion = fc
  .oneof(
    fc.tuple(fc.constant(['outcome']), fc.oneof(notAString, hostileText)),
    fc.tuple(fc.constant(['measures']), fc.oneof(notAString.filter((v) => !Array.isArray(v) && v !== undefined), fc.constant(Array.from({ length: 21 }, () => 'x')))),
    fc.tuple(fc.constant(['measures', 0]), badText(200)),
    fc.tuple(fc.constant(['note']), fc.oneof(notAString, fc.constant('x'.repeat(2001)), fc.constantFrom('\u0000', '\ud800'))),
    fc.tuple(fc.constantFrom(['actor'], ['requestId'], ['noteCipher'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ outcome: 'granted', measures: ['tuition_waiver'], note: '已核实' }, path, value));

/** A valid fraud record with exactly one thing made invalid. */
const badBar = fc
  .oneof(
    fc.tuple(fc.constant(['idNumber']), fc.oneof(notAString, hostileText)),
    fc.tuple(fc.constant(['reason']), badText(500)),
    fc.tuple(fc.constant(['amountToReturnYuan']), fc.oneof(fc.constant(-1), fc.constant(1e12), fc.string(), fc.constant(null))),
    fc.tuple(fc.constantFrom(['from'], ['until']), fc.oneof(notAString, hostileString, fc.constant('2026-13-01T00:00:00Z'))),
    fc.tuple(fc.constantFrom(['countyCode'], ['liftedAt'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ idNumber: '11010519491231002X', reason: '骗取低保金', amountToReturnYuan: 100 }, path, value));

/** A reason body made invalid. */
const badReason = fc
  .oneof(fc.tuple(fc.constant(['reason']), badText(500)), fc.tuple(fc.constantFrom(['actor'], ['__proto__'], ['reasonCipher']), anythingDefined(1)))
  .map(([path, value]: Mutation) => set({ reason: '申请人撤回' }, path, value));

/** A valid missing-materials record with exactly one thing made invalid. */
const badMaterials = fc
  .oneof(
    fc.tuple(fc.constant(['materials']), fc.oneof(notAString.filter((v) => !Array.isArray(v)), fc.constant([]), fc.constant(['income_statement', 'income_statement']), fc.array(hostileString, { minLength: 1, maxLength: 3 }))),
    fc.tuple(fc.constant(['note']), badText(500)),
    fc.tuple(fc.constantFrom(['limitDays'], ['lapseReasonCipher'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ materials: ['income_statement'] }, path, value));

/** A valid lead with exactly one thing made invalid. */
const badLead = fc
  .oneof(
    fc.tuple(fc.constant(['name']), badText(50)),
    fc.tuple(fc.constant(['idNumber']), fc.oneof(notAString, hostileString)),
    fc.tuple(fc.constant(['phone']), fc.oneof(notAString, hostileString.filter((s) => !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(s)))),
    fc.tuple(fc.constant(['hardship']), badText(2000)),
    fc.tuple(fc.constant(['urgency']), fc.oneof(notAString, hostileString)),
    fc.tuple(fc.constantFrom(['township'], ['status'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ name: '王大爷', hardship: '独居老人', urgency: 'normal' }, path, value));

/** A valid referral-on with exactly one thing made invalid. */
const badReferOn = fc
  .oneof(
    fc.tuple(fc.constant(['to']), fc.oneof(notAString, hostileString, fc.constant('EDUCATION'))),
    fc.tuple(fc.constant(['reason']), badText(500)),
    fc.tuple(fc.constantFrom(['policy'], ['reasonCipher'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ to: 'housing', reason: '住房困难' }, path, value));

/** A valid settings change with exactly one thing made invalid. */
const validLimit = { clock: 'approval', programme: 'dibao', unit: 'working_days', amount: 10, warnBefore: 2, escalateEveryHours: 24 };
const badSettings = fc
  .oneof(
    fc.tuple(fc.constant(['reason']), badText(500)),
    fc.tuple(fc.constant(['timeLimits', 0, 'amount']), fc.constantFrom(0.5, 0, -1, 61, 1e9, 'ten', null, Number.MAX_SAFE_INTEGER + 2)),
    fc.tuple(fc.constant(['timeLimits', 0, 'warnBefore']), fc.constantFrom(10, 11, -1, 0.5, 'two', null)),
    fc.tuple(fc.constant(['timeLimits', 0, 'escalateEveryHours']), fc.constantFrom(0, 721, 1.5, '24')),
    fc.tuple(fc.constant(['timeLimits', 0, 'programme']), fc.oneof(notAString, hostileString.filter((v) => !['dibao', 'tekun', 'temporary_expense'].includes(v)))),
    fc.tuple(fc.constant(['timeLimits', 0, 'clock']), fc.oneof(notAString, hostileString.filter((v) => v !== 'approval'))),
    fc.tuple(fc.constant(['timeLimits', 0, 'unit']), fc.oneof(notAString, hostileString)),
    fc.tuple(fc.constant(['timeLimits', 0, 'escalateTo']), fc.constantFrom([], ['department'], ['nobody'], 'county', Array.from({ length: 6 }, () => 'county'))),
    fc.tuple(fc.constant(['timeLimits']), fc.oneof(notAString.filter((v) => !Array.isArray(v)), fc.constant(Array.from({ length: 51 }, () => validLimit)))),
    fc.tuple(fc.constant(['programme', 'noticePeriodDays']), fc.constantFrom(0, 31, 0.5, '7', null)),
    fc.tuple(fc.constant(['programme', 'approvalByDibao']), fc.oneof(notAString, hostileString)),
    fc.tuple(fc.constantFrom(['programme', 'lotteryOdds'], ['programme', '__proto__'], ['actor'], ['county'], ['version']), anythingDefined(1)),
    fc.tuple(fc.constant(['retimeOpenClocks']), notAString.filter((v) => typeof v !== 'boolean')),
    fc.tuple(fc.constant(['baseVersion']), fc.constantFrom(-1, 0.5, '1', null)),
  )
  .map(([path, value]: Mutation) => set({ reason: '调整时限', timeLimits: [validLimit], programme: { noticePeriodDays: 10 } }, path, value));
/** A valid replenishment with exactly one thing made invalid. */
const badReplenishment = fc
  .oneof(
    fc.tuple(fc.constant(['amountYuan']), fc.oneof(notAString.filter((v) => typeof v !== 'number' || !(v > 0 && v <= 10_000_000 && Number.isInteger(v * 100))), fc.constantFrom(0, -1, 0.001, 1e12, 'abc'))),
    fc.tuple(fc.constant(['reference']), badText(100)),
    fc.tuple(fc.constantFrom(['actor'], ['township'], ['kind'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ amountYuan: 100, reference: '昌财社〔2026〕12号' }, path, value));

/** A valid benefit with exactly one thing made invalid (the case is not approved either: nothing could be written). */
const badBenefit = fc
  .oneof(
    fc.tuple(fc.constant(['monthlyAmountYuan']), fc.oneof(notAString, fc.constantFrom(0, -5, 100_001, 0.001))),
    fc.tuple(fc.constantFrom(['startMonth'], ['endMonth']), fc.oneof(notAString, hostileString.filter((s) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(s)), fc.constantFrom('2026-13', '2026-1', '2025-12'))),
    fc.tuple(fc.constant(['bankAccount']), fc.oneof(notAString, hostileString.filter((s) => !/^\d{12,30}$/.test(s)), fc.constantFrom('1234', '6'.repeat(31)))),
    fc.tuple(fc.constant(['amountReason']), badText(500)),
    fc.tuple(fc.constantFrom(['caseNo'], ['approvedBy'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ monthlyAmountYuan: 600, startMonth: '2026-01', endMonth: '2026-01', bankAccount: '6222020200112233445' }, path, value));

/** A valid verification batch with exactly one thing made invalid. */
const badBatch = fc
  .oneof(
    fc.tuple(fc.constant(['batchId']), fc.oneof(notAString, fc.constantFrom('', 'a b', 'x'.repeat(101), '../x', '批次'))),
    fc.tuple(fc.constant(['source']), badText(100)),
    fc.tuple(fc.constant(['records']), fc.oneof(fc.constant([]), notAString.filter((v) => !Array.isArray(v) || v.length === 0 || typeof v[0] !== 'object'))),
    fc.tuple(fc.constant(['records', 0, 'idNumber']), fc.oneof(notAString, hostileText, fc.constant('110105194913310028'))),
    fc.tuple(fc.constant(['records', 0, 'kind']), fc.oneof(notAString, hostileString)),
    fc.tuple(fc.constant(['records', 0, 'amountYuan']), fc.oneof(fc.constantFrom(-1, 0.001, 2e9, '300', null))),
    fc.tuple(fc.constant(['records', 0, 'period']), fc.oneof(notAString, fc.constantFrom('2026-13', '202611'))),
    fc.tuple(fc.constantFrom(['records', 0, 'name'], ['county'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ batchId: 'hostile-1', source: '县人社局', records: [{ idNumber: '11010519491231002X', kind: 'income', amountYuan: 300, period: '2026-10' }] }, path, value));

/** A valid home visit with exactly one thing made invalid. */
const badVisit = fc
  .oneof(
    fc.tuple(fc.constant(['visitedOn']), fc.oneof(notAString, fc.constantFrom('2026-02-30', '2099-01-01', '2000-01-01', '24.11.2026'))),
    fc.tuple(fc.constant(['staffIds']), fc.oneof(notAString, fc.constantFrom([1], [1, 1], [1, 99999], [1, -2], [1, 2.5]))),
    fc.tuple(fc.constant(['neighboursAsked']), fc.oneof(fc.constantFrom(-1, 1.5, 101, '3', null))),
    fc.tuple(fc.constant(['findings']), badText(5000)),
    fc.tuple(fc.constant(['photos']), fc.oneof(notAString.filter((v) => !Array.isArray(v)), fc.constantFrom(['../x'], ['/etc/passwd'], ['a b'], Array.from({ length: 21 }, () => 'p.jpg')))),
    fc.tuple(fc.constantFrom(['findingsCipher'], ['recordedBy'], ['__proto__']), anythingDefined(1)),
  )
  .map(([path, value]: Mutation) => set({ visitedOn: '2026-11-24', staffIds: [1, 2], neighboursAsked: 2, findings: '情况属实', photos: [] }, path, value));

/** CSV batches that must be refused: broken quoting, unknown columns, bad values, no rows. */
const badCsv = fc.constantFrom(
  'idNumber,kind,amountYuan\n"11010519491231002X,income,300\n',
  'idNumber,kind,amountYuan,name\n11010519491231002X,income,300,张三\n',
  'idNumber,kind,amountYuan\n11010519491231002X,lottery,300\n',
  'idNumber,kind,amountYuan\n110105194913310028,income,300\n',
  'idNumber,kind,amountYuan\n11010519491231002X,income,abc\n',
  'idNumber,kind,amountYuan\n',
  '\u0000\u0001',
);

interface Shot {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';
  path: string;
  query: string;
  auth: { kind: 'none' } | { kind: 'token'; who: string } | { kind: 'raw'; value: string };
  contentType: string | undefined;
  headers: Record<string, string>;
  body: string | undefined;
}

describe('hostile input', () => {
  let api: ApiHarness;
  let caseNo: string;
  let tokens: Record<string, string>;

  const countRows = async () => {
    const { rows } = await sql<Record<string, string>>`
      select (select count(*) from cases) as cases, (select count(*) from persons) as persons,
             (select count(*) from households) as households, (select count(*) from referrals) as referrals,
             (select count(*) from case_events) as case_events, (select count(*) from staff) as staff,
             (select count(*) from staff_tokens) as staff_tokens, (select count(*) from staff_events) as staff_events,
             (select count(*) from settings_versions) as settings_versions,
             (select count(*) from calendar_years) as calendar_years, (select count(*) from calendar_days) as calendar_days,
             (select count(*) from sla_clocks) as sla_clocks, (select count(*) from notifications) as notifications,
             (select count(*) from emergency_aid) as emergency_aid, (select count(*) from staff where disabled_at is not null) as disabled,
             (select count(*) from referrals where status = 'completed') as completed,
             (select count(*) from benefits) as benefits, (select count(*) from benefit_payments) as benefit_payments,
             (select count(*) from reserve_fund_entries where kind <> 'opening') as reserve_fund_movements,
             (select count(*) from verification_batches) as verification_batches, (select count(*) from verification_records) as verification_records,
             (select count(*) from verifications) as verifications, (select count(*) from home_investigations) as home_investigations,
             (select count(*) from barred_persons) as barred_persons, (select count(*) from audit_events) as audit_events,
             (select count(*) from notification_reads) as notification_reads, (select count(*) from leads) as leads`.execute(api.db);
    return rows[0];
  };

  beforeAll(async () => {
    api = await startApiHarness();
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201);
    caseNo = body.caseNo;
    // Let the case's workflows write what they write, so that the counts below stand still.
    await eventually(async () => {
      const events = await api.db.selectFrom('case_events').select('type').where('case_no', '=', caseNo).execute();
      expect(events.filter((e) => e.type === 'referral_sent')).toHaveLength(2);
      // approval, and each referral's own clock and accept clock
      expect(events.filter((e) => e.type === 'clock_started')).toHaveLength(5);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The township's reserve fund opens on first use: open it now, so that reading it later writes nothing.
    await api.as('reviewer').get('/api/v1/townships/370725001/reserve-fund').expect(200);
    tokens = {
      window: api.tokens.window,
      township_reviewer: api.tokens.township_reviewer,
      reviewer: api.tokens.reviewer,
      admin: api.tokens.admin,
      education: api.tokens.department('education'),
      housing: api.tokens.department('housing'),
      reporter: await api.tokenFor('reporter.baocheng'),
    };
  });
  afterAll(() => api?.stop());

  const segment = fc.oneof(
    hostileString.map(encodeHostile),
    fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%ED%A0%80', '%2F..%2F..', '..', '.', '%C0%AE%C0%AE', 'A'.repeat(1500)),
    fc.constant('20260101-000001'),
  );
  const path = fc.oneof(
    fc.constantFrom('/api/v1/cases', '/api/v1/settings', '/api/v1/settings/versions', '/api/v1/admin/overdue', '/api/v1/admin/blocked', '/api/v1/townships', '/api/v1/departments', '/api/v1/me', '/healthz', '/readyz', '/metrics', '/openapi.json', '/api/v1', '/api/v2/cases', '/', '/api/v1/barred-persons', '/api/v1/notifications', '/api/v1/leads', '/api/v1/reports/monthly'),
    fc.tuple(segment, fc.constantFrom('convert', 'close')).map(([s, action]) => `/api/v1/leads/${s}/${action}`),
    fc.tuple(segment, fc.constantFrom('accept', 'return', 'resend', 'refer-on')).map(([s, action]) => `/api/v1/referrals/${s}/${action}`),
    fc.tuple(segment, fc.constantFrom('withdraw', 'terminate', 'missing-materials', 'materials-received')).map(([s, action]) => `/api/v1/cases/${s}/${action}`),
    segment.map((s) => `/api/v1/barred-persons/${s}/lift`),
    fc.constant('CASE').map(() => `/api/v1/cases/${caseNo}`),
    segment.map((s) => `/api/v1/cases/${s}`),
    segment.map((s) => `/api/v1/settings/versions/${s}`),
    fc.oneof(segment, fc.constantFrom('education', 'housing', 'lottery', 'EDUCATION')).map((s) => `/api/v1/departments/${s}/referrals`),
    fc.oneof(segment, fc.constantFrom('REF')).map((s) => `/api/v1/referrals/${s === 'REF' ? `${caseNo}-education` : s}/complete`),
    fc.constant('REF').map(() => `/api/v1/referrals/${caseNo}-education/complete`),
    fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/api/v1/${s.join('/')}`),
    fc.constantFrom('decision', 'emergency-aid', 'emergency-paperwork', 'clocks/approval/pause', 'clocks/referral:education/extend').map((a) => `/api/v1/cases/${caseNo}/${a}`),
    fc.constantFrom('/api/v1/calendar/deadline', '/api/v1/calendar/2026', '/api/v1/calendar/2098', '/api/v1/admin/overdue', '/api/v1/time-limits', '/api/v1/temporal-codec/decode', '/api/v1/temporal-codec/encode'),
    fc.oneof(segment, fc.constantFrom('370725001', '370725999')).map((s) => `/api/v1/townships/${s}/reserve-fund`),
    fc.oneof(segment, fc.constantFrom('370725001')).map((s) => `/api/v1/townships/${s}/reserve-fund/replenishments`),
    fc.oneof(segment, fc.constant('CASE')).map((s) => `/api/v1/cases/${s === 'CASE' ? caseNo : s}/benefit`),
    fc.oneof(segment, fc.constant('CASE')).map((s) => `/api/v1/cases/${s === 'CASE' ? caseNo : s}/benefit-proposal`),
    fc.constant('/api/v1/verification-data'),
    segment.map((s) => `/api/v1/cases/${s}/verification`),
    fc.oneof(segment, fc.constant('CASE')).map((s) => `/api/v1/cases/${s === 'CASE' ? caseNo : s}/decision-notice`),
    fc.oneof(segment, fc.constant('CASE')).map((s) => `/api/v1/cases/${s === 'CASE' ? caseNo : s}/investigations`),
  );
  const query = fc.oneof(
    fc.constant(''),
    fc.constantFrom('?limit=0', '?limit=201', '?limit=5&cursor=%ff', '?cursor=eyJsaXN0IjoiY2FzZXM6ZHVlIiwiYWZ0ZXIiOlsiMjAyNi0xMy00NSA5OTowMDowMCswMCIsIngiXX0', '?sla=late', '?openedFrom=2026-02-30', '?need[]=dibao', '?status=open', '?status=lost', '?status=open&status=all', '?status[]=open', '?status[$ne]=x', '?status=%ff', '?__proto__[x]=1', '?x=' + 'y'.repeat(2000), '?month=2026-10&county=370725', '?month=2026-10&county=370725&format=csv', '?month=2026-13&county=370725', '?month=2026-10&month=2026-09&county=370725', '?month=2026-10&county[]=370725', '?month=9999-12&county=370725'),
    fc.dictionary(fc.string({ maxLength: 10 }), hostileString, { maxKeys: 4 }).map((q) => `?${new URLSearchParams(q as Record<string, string>).toString()}`),
  );
  const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 });
  const auth = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 4, arbitrary: fc.constantFrom('window', 'reviewer', 'admin', 'education', 'housing', 'reporter').map((who) => ({ kind: 'token' as const, who })) },
    { weight: 1, arbitrary: fc.oneof(printable, printable.map((s) => `Bearer ${s}`), fc.constant(`Bearer odt_${'A'.repeat(43)}`), fc.constant(`Bearer odt_${'A'.repeat(2000)}`)).map((value) => ({ kind: 'raw' as const, value })) },
  );
  const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/vnd.api+json', '*/*', 'garbage');
  const headers = fc.record(
    {
      'x-forwarded-for': fc.oneof(printable, fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', 'unknown', '999.999.999.999', '1.2.3.4'.repeat(100))),
      'x-request-id': printable,
      'idempotency-key': printable,
      'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'bogus'),
      accept: fc.constantFrom('text/html', 'application/xml', '*/*', 'garbage'),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    { weight: 3, arbitrary: badIntake.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: badCompletion.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: badReplenishment.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: badBenefit.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: badBatch.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: badVisit.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.constantFrom('{"township":', '{"a":1}}', '[', '\u0000', '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"admin":true}}}', `${'['.repeat(20000)}${']'.repeat(20000)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 100 * 1024 + 1, max: 300 * 1024 }).map((n) => JSON.stringify({ narrative: 'x'.repeat(n) })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const anyShot: fc.Arbitrary<Shot> = fc.record({
    method: fc.constantFrom('get', 'post', 'post', 'post', 'put', 'patch', 'delete', 'options'),
    path,
    query,
    auth,
    contentType,
    headers,
    body,
  });
  /** Requests that pass the front door (right method, path, token and content type) to reach validation. */
  const json = fc.constantFrom('application/json', 'application/json; charset=utf-8');
  const targetedShot: fc.Arbitrary<Shot> = fc.oneof(
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('/api/v1/cases'),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'window' }),
      contentType: json,
      headers: fc.record({ 'idempotency-key': printable }, { requiredKeys: [] }),
      body: badIntake.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('REF').map(() => `/api/v1/referrals/${caseNo}-education/complete`),
      query: fc.constant(''),
      auth: fc.constantFrom('education', 'housing').map((who) => ({ kind: 'token' as const, who })),
      contentType: json,
      headers: fc.constant({}),
      body: badCompletion.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constantFrom('/api/v1/cases', '/api/v1/referrals/REF/complete'),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'window' }),
      contentType: json,
      headers: fc.constant({}),
      body: fc.integer({ min: 100 * 1024 + 1, max: 1024 * 1024 }).map((n) => JSON.stringify(buildIntake({ narrative: 'x'.repeat(n) }))),
    }),
    // A valid body, so that the hostile identifier in the path is what the route must cope with.
    fc.record({
      method: fc.constant('post' as const),
      path: segment.map((id) => `/api/v1/referrals/${id}/complete`),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'education' }),
      contentType: json,
      headers: fc.constant({}),
      body: fc.constant(JSON.stringify({ outcome: 'granted', measures: ['tuition_waiver'] })),
    }),
    fc.record({
      method: fc.constant('get' as const),
      path: segment.map((caseNo) => `/api/v1/cases/${caseNo}`),
      query,
      auth: fc.constantFrom('window', 'reviewer', 'education').map((who) => ({ kind: 'token' as const, who })),
      contentType: fc.constant(undefined),
      headers: fc.constant({}),
      body: fc.constant(undefined),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('/api/v1/settings/versions'),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'admin' }),
      contentType: json,
      headers: fc.constant({}),
      body: badSettings.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('get' as const),
      path: fc.constantFrom('/api/v1/cases', '/api/v1/admin/overdue', '/api/v1/admin/blocked', '/api/v1/settings/versions/1'),
      query,
      auth: fc.constantFrom('window', 'reviewer', 'admin', 'education').map((who) => ({ kind: 'token' as const, who })),
      contentType: fc.constant(undefined),
      headers: fc.constant({}),
      body: fc.constant(undefined),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('/api/v1/townships/370725001/reserve-fund/replenishments'),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'admin' }),
      contentType: json,
      headers: fc.constant({}),
      body: badReplenishment.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('CASE').map(() => `/api/v1/cases/${caseNo}/benefit`),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'reviewer' }),
      contentType: json,
      headers: fc.constant({}),
      body: badBenefit.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('CASE').map(() => `/api/v1/cases/${caseNo}/investigations`),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'window' }),
      contentType: json,
      headers: fc.constant({}),
      body: badVisit.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('/api/v1/verification-data'),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'admin' }),
      contentType: json,
      headers: fc.constant({}),
      body: badBatch.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('/api/v1/verification-data'),
      query: fc.oneof(fc.constant('?batchId=hostile-csv&source=x'), query),
      auth: fc.constant({ kind: 'token' as const, who: 'admin' }),
      contentType: fc.constantFrom('text/csv', 'text/csv; charset=utf-8'),
      headers: fc.constant({}),
      body: fc.oneof(badCsv, hostileText),
    }),
    fc.record({
      method: fc.constant('get' as const),
      path: fc.constantFrom('education', 'housing', 'medical').map((d) => `/api/v1/departments/${d}/referrals`),
      query,
      auth: fc.constantFrom('education', 'reviewer', 'window').map((who) => ({ kind: 'token' as const, who })),
      contentType: fc.constant(undefined),
      headers: fc.constant({}),
      body: fc.constant(undefined),
    }),
  );
  /** Every field of every other route, each shot with exactly one thing wrong (issue 11 item 6). */
  const asWho = (...who: string[]) => fc.constantFrom(...who).map((w) => ({ kind: 'token' as const, who: w }));
  const post = (path: fc.Arbitrary<string>, who: fc.Arbitrary<Shot['auth']>, body: fc.Arbitrary<unknown>, method: Shot['method'] = 'post'): fc.Arbitrary<Shot> =>
    fc.record({ method: fc.constant(method), path, query: fc.constant(''), auth: who, contentType: json, headers: fc.constant({}), body: body.map((b) => JSON.stringify(b)) });
  const get = (path: fc.Arbitrary<string>, query: fc.Arbitrary<string>, who: fc.Arbitrary<Shot['auth']>): fc.Arbitrary<Shot> =>
    fc.record({ method: fc.constant('get' as const), path, query, auth: who, contentType: fc.constant(undefined), headers: fc.constant({}), body: fc.constant(undefined) });
  const qs = (params: Record<string, unknown>) => `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string])).toString()}`;
  const casePath = (action: string) => fc.constant('CASE').map(() => `/api/v1/cases/${caseNo}/${action}`);
  const everyFieldShot: fc.Arbitrary<Shot> = fc.oneof(
    post(fc.constant('/api/v1/cases'), asWho('window'), badEmergency),
    post(casePath('decision'), asWho('reviewer'), badDecision),
    post(casePath('emergency-aid'), asWho('window'), badAid),
    post(casePath('benefit/changes'), asWho('township_reviewer'), badBenefitChange),
    post(casePath('emergency-paperwork'), asWho('window'), fc.oneof(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 3 }), fc.array(fc.integer()), fc.string())),
    post(
      fc.tuple(fc.constantFrom('approval', 'referral:education', 'emergency_aid', 'referral:zzz'), fc.constantFrom('pause', 'resume', 'extend')).map(([clock, action]) => `/api/v1/cases/${caseNo}/clocks/${clock}/${action}`),
      asWho('reviewer', 'window', 'education'),
      badClockAction,
    ),
    // A valid body: the hostile clock or action in the path is what must be refused.
    post(
      fc.tuple(fc.oneof(segment, fc.constantFrom('referral:', 'referral:EDUCATION', 'approval ', 'APPROVAL')), fc.oneof(segment, fc.constantFrom('PAUSE', 'stop', 'extend;'))).map(([clock, action]) => `/api/v1/cases/${caseNo}/clocks/${clock}/${action}`),
      asWho('reviewer', 'education'),
      fc.constant({ reason: '补正材料', amount: 1 }),
    ),
    get(
      fc.constant('/api/v1/calendar/deadline'),
      fc.oneof(
        fc.record({ from: fc.oneof(hostileString, fc.constantFrom('2100-06-01T00:00:00Z', '0001-06-01T00:00:00Z', '1900-06-01T00:00:00Z', '2101-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2099-12-31T16:00:00Z')), workingDays: fc.oneof(fc.integer({ min: -5, max: 400 }), hostileString) }).map(qs),
        fc.record({ from: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), workingDays: fc.integer({ min: 1, max: 365 }) }).map(qs),
        fc.constantFrom('?from=2026-02-12T10:00:00%2B08:00', '?workingDays=10', '?from=2026-02-12T10:00:00%2B08:00&workingDays=10&x=1', '?from[]=a&workingDays=1'),
      ),
      asWho('window', 'education', 'admin'),
    ),
    get(fc.oneof(segment, fc.constantFrom('2000', '2100', '0', '-1', '2026.5', '1e3', '２０２６')).map((y) => `/api/v1/calendar/${y}`), fc.constant(''), asWho('window', 'admin')),
    post(fc.constant('/api/v1/calendar/2098'), asWho('admin'), badCalendarYear, 'put'),
    post(
      fc.oneof(segment, fc.constantFrom('2000', '2100', '2097', '9999')).filter((y) => y !== '2098').map((y) => `/api/v1/calendar/${y}`),
      asWho('admin'),
      fc.constant({ source: '国务院办公厅通知', days: [{ date: '2098-01-01', kind: 'holiday', name: '元旦' }] }),
      'put',
    ),
    get(fc.constantFrom('/api/v1/admin/overdue', '/api/v1/admin/blocked'), fc.oneof(fc.integer({ min: -10, max: 1000 }).map((n) => `?limit=${n}`), hostileString.map((v) => qs({ limit: v })), fc.constant('?limit=1&x=2')), asWho('admin', 'reviewer')),
    post(fc.constant('/api/v1/temporal-codec/decode'), asWho('admin', 'reviewer', 'window'), badCodecBody),
  );
  /** The intake rules' and the referral loop's routes, reached with the right role. */
  const loopShot: fc.Arbitrary<Shot> = fc.oneof(
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('/api/v1/barred-persons'),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'admin' }),
      contentType: json,
      headers: fc.constant({}),
      body: badBar.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.oneof(segment, fc.constantFrom('0', '-1', '1.5', '2147483648', '99999999999')).map((id) => `/api/v1/barred-persons/${id}/lift`),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'admin' }),
      contentType: json,
      headers: fc.constant({}),
      body: fc.oneof(badReason.map((b) => JSON.stringify(b)), fc.constant(JSON.stringify({ reason: '已退还' }))),
    }),
    // The referral loop on the real referral, every body invalid (a valid one would change it).
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constantFrom('accept', 'return', 'refer-on').map((action) => `/api/v1/referrals/${caseNo}-education/${action}`),
      query: fc.constant(''),
      auth: fc.constantFrom('education', 'housing').map((who) => ({ kind: 'token' as const, who })),
      contentType: json,
      headers: fc.constant({}),
      body: fc.oneof(badReason, badReferOn, fc.constantFrom({ x: 1 }, { actor: 'staff:1' })).map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constantFrom('referral', 'case').map((what) => (what === 'referral' ? `/api/v1/referrals/${caseNo}-education/resend` : `/api/v1/cases/${caseNo}/withdraw`)),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'window' }),
      contentType: json,
      headers: fc.constant({}),
      body: badReason.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('CASE').map(() => `/api/v1/cases/${caseNo}/terminate`),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'reviewer' }),
      contentType: json,
      headers: fc.constant({}),
      body: badReason.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('get' as const),
      path: fc.constant('/api/v1/notifications'),
      query: fc.oneof(query, fc.constantFrom('?unread=yes', '?limit=0', '?limit=201', '?limit=-1', '?limit=abc', '?unread=true&unread=false')),
      auth: fc.constantFrom('window', 'education', 'reviewer', 'admin').map((who) => ({ kind: 'token' as const, who })),
      contentType: fc.constant(undefined),
      headers: fc.constant({}),
      body: fc.constant(undefined),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.oneof(segment, fc.constantFrom('0', '-1', '1.5', '9007199254740993', '99999999999')).map((id) => `/api/v1/notifications/${id}/read`),
      query: fc.constant(''),
      auth: fc.constantFrom('window', 'education', 'reviewer').map((who) => ({ kind: 'token' as const, who })),
      contentType: json,
      headers: fc.constant({}),
      body: fc.oneof(fc.constant('{}'), fc.constant('{"read":false}')),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constant('/api/v1/leads'),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'reporter' }),
      contentType: json,
      headers: fc.constant({}),
      body: badLead.map((b) => JSON.stringify(b)),
    }),
    fc.record({
      method: fc.constant('get' as const),
      path: fc.constant('/api/v1/leads'),
      query: fc.oneof(query, fc.constantFrom('?status=lost', '?status[]=open')),
      auth: fc.constantFrom('window', 'reporter').map((who) => ({ kind: 'token' as const, who })),
      contentType: fc.constant(undefined),
      headers: fc.constant({}),
      body: fc.constant(undefined),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.tuple(fc.oneof(segment, fc.constantFrom('0', '-1', '1.5', '2147483648')), fc.constantFrom('convert', 'close')).map(([id, action]) => `/api/v1/leads/${id}/${action}`),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'window' }),
      contentType: json,
      headers: fc.constant({}),
      body: fc.oneof(badReason.map((b) => JSON.stringify(b)), badIntake.map((b) => JSON.stringify(b))),
    }),
    fc.record({
      method: fc.constant('post' as const),
      path: fc.constantFrom('missing-materials', 'materials-received').map((action) => `/api/v1/cases/${caseNo}/${action}`),
      query: fc.constant(''),
      auth: fc.constant({ kind: 'token' as const, who: 'window' }),
      contentType: json,
      headers: fc.constant({}),
      body: badMaterials.map((b) => JSON.stringify(b)),
    }),
  );
  const shot = fc.oneof(anyShot, targetedShot, everyFieldShot, loopShot);

  test(`when ${RUNS} hostile requests hit every field of every route, then none answers 5xx, every 4xx has the error shape, and no row is written`, async () => {
    const before = await countRows();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(shot, async (s) => {
        let req = request(api.server)[s.method](`${s.path}${s.query}`);
        if (s.auth.kind === 'token') req = req.set('Authorization', `Bearer ${tokens[s.auth.who]}`);
        if (s.auth.kind === 'raw') req = req.set('Authorization', s.auth.value);
        for (const [name, value] of Object.entries(s.headers)) req = req.set(name, value);
        if (s.contentType) req = req.set('Content-Type', s.contentType);
        const res = await (s.body === undefined ? req : req.send(s.body));

        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          expect(res.body).toEqual({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String), details: expect.any(Array) } });
          for (const detail of res.body.error.details) expect(detail).toEqual({ path: expect.any(String), message: expect.any(String) });
        } else {
          // Only reading can succeed (decoding payloads is reading, with POST).
          expect(s.method === 'get' || s.method === 'options' || (s.method === 'post' && s.path === '/api/v1/temporal-codec/decode')).toBe(true);
        }
        expect(await countRows()).toEqual(before);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 100_000 },
    );
    const total = [...seen.values()].reduce((a, b) => a + b, 0);
    if (process.env.HOSTILE_RUNS) console.log(Object.fromEntries(seen));
    expect(total).toBeGreaterThanOrEqual(500);
    // The requests did reach the application's checks, not just the front door.
    for (const status of [400, 401, 403, 404, 413]) expect(seen.get(status) ?? 0).toBeGreaterThan(0);
    expect(await countRows()).toEqual(before);
  });
});
