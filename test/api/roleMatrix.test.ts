import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { recordBenefitChange } from '../../db/repositories/benefitChanges';
import { saveBenefit } from '../../db/repositories/benefits';
import { beijingDate } from '../../domain/calendar';
import type { DepartmentCode } from '../../domain/departments';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake, makeIdNumber } from '../support/factories';
import { ensurePrincipals, PRINCIPALS, USERNAMES, type Principal } from '../support/principals';

/**
 * Every role against every route. One row per route: how to call it (with a fresh context where the call
 * changes something) and the status each principal gets. A new route is one more row; the last test fails
 * until every route of /openapi.json has its row.
 *
 * Placement of the principals: `window` is township 370725001's window, `windowElsewhere` another township of
 * the same county; `education`/`housing` are county 370725's bureaus; the `…Elsewhere` department, reviewer and
 * administrator belong to a second county. Cases are opened by `window` in 370725001 with needs dibao and
 * education (referrals to civil_affairs and education, not housing).
 */

interface Ctx {
  caseNo: string;
  leadId?: number;
  barId?: number;
  notificationId?: string;
  changeId?: string;
}

interface Row {
  /** `METHOD /openapi/path`, as in /openapi.json. */
  route: string;
  /** Makes what one call needs; `shared` rows make it once (the call changes nothing). */
  context?: { make(api: ApiHarness): Promise<Ctx>; shared?: boolean };
  call(agent: (method: 'get' | 'post' | 'put' | 'delete', path: string) => request.Test, ctx: Ctx): request.Test;
  expect: Record<Principal, number>;
}

/** Statuses: `others` for every authenticated principal not named; anonymous always 401. */
const statuses = (others: number, named: Partial<Record<Principal, number>>): Record<Principal, number> =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, p === 'anonymous' ? 401 : (named[p] ?? others)])) as Record<Principal, number>;
/** A route for reviewers and administrators alone, who get the same answer in their own county and in another. */
const reviewersAndAdmins = (status: number) => statuses(403, { reviewer: status, reviewerElsewhere: status, admin: status, adminElsewhere: status });

async function openCase(api: ApiHarness): Promise<Ctx> {
  const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201);
  return { caseNo: body.caseNo };
}

/** A case whose clocks are running (so that a clock action reaches a clock). */
async function openCaseWithClocks(api: ApiHarness): Promise<Ctx> {
  const ctx = await openCase(api);
  await eventually(async () => {
    const { body } = await api.as('reviewer').get(`/api/v1/cases/${ctx.caseNo}`).expect(200);
    if (!body.clocks.some((c: { clock: string }) => c.clock === 'approval')) throw new Error('approval clock not started yet');
  });
  return ctx;
}

/** A case with a benefit on record (stored directly: approving a case takes a whole walk through the process). */
async function openCaseWithBenefit(api: ApiHarness): Promise<Ctx> {
  const ctx = await openCase(api);
  await saveBenefit(api.db, { caseNo: ctx.caseNo, monthlyAmountYuan: 500, startMonth: '2026-12', endMonth: null, bankAccountCipher: api.pii.encrypt('6222020200112233445'), approvedBy: 'staff:0' });
  return ctx;
}

/** A case whose benefit is stopped from next month (stored directly, as the benefit). */
async function openCaseWithBenefitStop(api: ApiHarness): Promise<Ctx> {
  const ctx = await openCaseWithBenefit(api);
  const { change } = await recordBenefitChange(api.db, { caseNo: ctx.caseNo, kind: 'stop', monthlyAmountYuan: null, fromMonth: '2027-01', reasonCipher: api.pii.encrypt('家庭收入超过标准'), actor: 'staff:0', requestId: 'matrix' });
  return { ...ctx, changeId: change.id };
}

async function openCaseVerified(api: ApiHarness): Promise<Ctx> {
  const ctx = await openCase(api);
  await api.as('reviewer').post(`/api/v1/cases/${ctx.caseNo}/verification`).send({}).expect(201);
  return ctx;
}

/** A case whose education referral was signed for: a notification in the township window's inbox. */
async function windowNotification(api: ApiHarness): Promise<Ctx> {
  const ctx = await openCase(api);
  await eventually(() => api.asDepartment('education').post(`/api/v1/referrals/${ctx.caseNo}-education/accept`).send({}).expect(200));
  const row = await api.db.selectFrom('notifications').select('id').where('case_no', '=', ctx.caseNo).where('kind', '=', 'referral_accepted').executeTakeFirstOrThrow();
  return { ...ctx, notificationId: row.id };
}

/** A lead of township 370725001. */
async function reportLead(api: ApiHarness): Promise<Ctx> {
  const { body } = await api.asToken(await api.tokenFor('reporter.baocheng')).post('/api/v1/leads').send({ name: '王大爷', hardship: '独居老人，摔伤无人照料' }).expect(201);
  return { caseNo: '', leadId: body.id };
}

/** A fraud record of county 370725. */
async function recordBar(api: ApiHarness): Promise<Ctx> {
  const { body } = await api.as('admin').post('/api/v1/barred-persons').send({ idNumber: makeIdNumber('19700101'), reason: '骗取低保金', amountToReturnYuan: 100 }).expect(201);
  return { caseNo: '', barId: body.id };
}

const ROWS: Row[] = [
  {
    route: 'POST /api/v1/cases',
    call: (as) => as('post', '/api/v1/cases').send(buildIntake({ township: '370725001' })),
    expect: statuses(403, { window: 201 }),
  },
  {
    route: 'GET /api/v1/cases/{caseNo}',
    context: { make: openCase, shared: true },
    call: (as, { caseNo }) => as('get', `/api/v1/cases/${caseNo}`),
    expect: statuses(404, { window: 200, townshipReviewer: 200, education: 200, reviewer: 200, admin: 200, reporter: 403 }),
  },
  {
    route: 'GET /api/v1/departments/{code}/referrals',
    call: (as) => as('get', '/api/v1/departments/education/referrals'),
    expect: statuses(200, { window: 403, windowElsewhere: 403, townshipReviewer: 403, townshipReviewerElsewhere: 403, housing: 404, reporter: 403 }),
  },
  {
    route: 'POST /api/v1/referrals/{id}/complete',
    context: { make: openCase },
    call: (as, { caseNo }) => as('post', `/api/v1/referrals/${caseNo}-education/complete`).send({ outcome: 'granted', measures: ['tuition_waiver'] }),
    expect: statuses(403, { education: 200, housing: 404, educationElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/decision',
    context: { make: openCase },
    // The reviewers are let in, and the workflow refuses: the civil-affairs examination is still open.
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/decision`).send({ decision: 'reject', reason: '不符合条件' }),
    expect: statuses(403, { townshipReviewer: 409, townshipReviewerElsewhere: 404, reviewer: 409, reviewerElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/emergency-aid',
    context: { make: openCase, shared: true },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/emergency-aid`).send({ amountYuan: 500, form: 'cash' }),
    expect: statuses(403, { window: 409, windowElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/emergency-paperwork',
    context: { make: openCase, shared: true },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/emergency-paperwork`).send({}),
    expect: statuses(403, { window: 409, windowElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/clocks/{clock}/{action}',
    context: { make: openCaseWithClocks },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/clocks/approval/pause`).send({ reason: '补正材料' }),
    expect: statuses(404, { window: 200, townshipReviewer: 200, reviewer: 200, admin: 403, adminElsewhere: 403, reporter: 403 }),
  },
  {
    route: 'GET /api/v1/calendar/deadline',
    call: (as) => as('get', '/api/v1/calendar/deadline?from=2026-02-12T10:00:00%2B08:00&workingDays=10'),
    expect: statuses(200, {}),
  },
  { route: 'GET /api/v1/calendar/{year}', call: (as) => as('get', '/api/v1/calendar/2026'), expect: statuses(200, {}) },
  {
    route: 'PUT /api/v1/calendar/{year}',
    call: (as) => as('put', '/api/v1/calendar/2031').send({ source: 'test', days: [{ date: '2031-01-01', kind: 'holiday', name: '元旦' }] }),
    expect: statuses(403, { admin: 200, adminElsewhere: 200 }),
  },
  { route: 'GET /api/v1/admin/overdue', call: (as) => as('get', '/api/v1/admin/overdue'), expect: reviewersAndAdmins(200) },
  {
    route: 'GET /api/v1/reports/monthly',
    // County 370725's report: its reviewers and administrators read it; those of another county are told it does not exist.
    call: (as) => as('get', '/api/v1/reports/monthly?month=2026-10&county=370725'),
    expect: statuses(403, { reviewer: 200, admin: 200, reviewerElsewhere: 404, adminElsewhere: 404 }),
  },
  { route: 'GET /api/v1/admin/blocked', call: (as) => as('get', '/api/v1/admin/blocked'), expect: reviewersAndAdmins(200) },
  { route: 'GET /api/v1/cases', call: (as) => as('get', '/api/v1/cases?limit=5'), expect: statuses(200, { reporter: 403 }) },
  { route: 'GET /api/v1/settings', call: (as) => as('get', '/api/v1/settings'), expect: statuses(200, {}) },
  {
    route: 'GET /api/v1/settings/versions',
    call: (as) => as('get', '/api/v1/settings/versions'),
    expect: reviewersAndAdmins(200),
  },
  {
    route: 'GET /api/v1/settings/versions/{version}',
    // No county has a millionth version: the roles let in are told so, the others are refused before.
    call: (as) => as('get', '/api/v1/settings/versions/999999'),
    expect: reviewersAndAdmins(404),
  },
  {
    route: 'POST /api/v1/settings/versions',
    // A change that changes no value: a new version of each administrator's own county, nothing else.
    call: (as) => as('post', '/api/v1/settings/versions').send({ reason: '角色矩阵测试', programme: { noticePeriodDays: 7 } }),
    expect: statuses(403, { admin: 201, adminElsewhere: 201 }),
  },
  {
    route: 'POST /api/v1/barred-persons',
    call: (as) => as('post', '/api/v1/barred-persons').send({ idNumber: makeIdNumber('19700101'), reason: '骗取低保金', amountToReturnYuan: 100 }),
    expect: statuses(403, { admin: 201, adminElsewhere: 201 }),
  },
  { route: 'GET /api/v1/barred-persons', call: (as) => as('get', '/api/v1/barred-persons'), expect: reviewersAndAdmins(200) },
  {
    route: 'POST /api/v1/barred-persons/{id}/lift',
    context: { make: recordBar },
    call: (as, { barId }) => as('post', `/api/v1/barred-persons/${barId}/lift`).send({ reason: '已退还' }),
    expect: statuses(403, { admin: 200, adminElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/referrals/{id}/accept',
    context: { make: openCase },
    call: (as, { caseNo }) => as('post', `/api/v1/referrals/${caseNo}-education/accept`).send({}),
    expect: statuses(403, { education: 200, housing: 404, educationElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/referrals/{id}/return',
    context: { make: openCase },
    call: (as, { caseNo }) => as('post', `/api/v1/referrals/${caseNo}-education/return`).send({ reason: '缺少在读证明' }),
    expect: statuses(403, { education: 200, housing: 404, educationElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/referrals/{id}/resend',
    context: { make: openCase, shared: true },
    // The window is let in, and the workflow refuses: the referral was not returned.
    call: (as, { caseNo }) => as('post', `/api/v1/referrals/${caseNo}-education/resend`).send({ reason: '已补齐' }),
    expect: statuses(403, { window: 409, windowElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/referrals/{id}/refer-on',
    context: { make: openCase },
    call: (as, { caseNo }) => as('post', `/api/v1/referrals/${caseNo}-education/refer-on`).send({ to: 'housing', reason: '住房困难' }),
    expect: statuses(403, { education: 200, housing: 404, educationElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/withdraw',
    context: { make: openCase },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/withdraw`).send({ reason: '申请人撤回' }),
    expect: statuses(403, { window: 200, windowElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/terminate',
    context: { make: openCase },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/terminate`).send({ reason: '隐瞒收入' }),
    expect: statuses(403, { reviewer: 200, reviewerElsewhere: 404 }),
  },
  { route: 'GET /api/v1/notifications', call: (as) => as('get', '/api/v1/notifications'), expect: statuses(200, {}) },
  {
    route: 'POST /api/v1/notifications/{id}/read',
    context: { make: windowNotification, shared: true },
    call: (as, { notificationId }) => as('post', `/api/v1/notifications/${notificationId}/read`).send({}),
    // The township's mailbox: its window and its reviewer.
    expect: statuses(404, { window: 200, townshipReviewer: 200 }),
  },
  { route: 'POST /api/v1/leads', call: (as) => as('post', '/api/v1/leads').send({ name: '王大爷', hardship: '独居老人，摔伤无人照料', urgency: 'emergency' }), expect: statuses(403, { reporter: 201 }) },
  { route: 'GET /api/v1/leads', call: (as) => as('get', '/api/v1/leads'), expect: statuses(403, { window: 200, windowElsewhere: 200, reporter: 200 }) },
  {
    route: 'POST /api/v1/leads/{id}/convert',
    context: { make: reportLead },
    call: (as, { leadId }) => as('post', `/api/v1/leads/${leadId}/convert`).send(buildIntake({ township: '370725001' })),
    expect: statuses(403, { window: 201, windowElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/leads/{id}/close',
    context: { make: reportLead },
    call: (as, { leadId }) => as('post', `/api/v1/leads/${leadId}/close`).send({ reason: '经核实不符合条件' }),
    expect: statuses(403, { window: 200, windowElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/missing-materials',
    context: { make: openCaseWithClocks },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/missing-materials`).send({ materials: ['income_statement'] }),
    expect: statuses(403, { window: 200, windowElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/materials-received',
    context: { make: openCase, shared: true },
    // The window is let in, and the workflow refuses: no materials are awaited.
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/materials-received`).send({}),
    expect: statuses(403, { window: 409, windowElsewhere: 404 }),
  },
  { route: 'GET /api/v1/time-limits', call: (as) => as('get', '/api/v1/time-limits'), expect: statuses(200, {}) },
  {
    route: 'GET /api/v1/townships/{code}/reserve-fund',
    call: (as) => as('get', '/api/v1/townships/370725001/reserve-fund'),
    expect: statuses(404, { window: 200, townshipReviewer: 200, reviewer: 200, admin: 200, education: 403, housing: 403, educationElsewhere: 403, reporter: 403 }),
  },
  {
    route: 'POST /api/v1/townships/{code}/reserve-fund/replenishments',
    call: (as) => as('post', '/api/v1/townships/370725001/reserve-fund/replenishments').send({ amountYuan: 1, reference: `test-${randomUUID()}` }),
    expect: statuses(403, { admin: 201, adminElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/benefit',
    context: { make: openCase, shared: true },
    // The reviewers are let in and refused: the case is not approved.
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/benefit`).send({ monthlyAmountYuan: 500, startMonth: '2026-12', bankAccount: '6222020200112233445' }),
    expect: statuses(403, { townshipReviewer: 409, townshipReviewerElsewhere: 404, reviewer: 409, reviewerElsewhere: 404 }),
  },
  {
    route: 'GET /api/v1/cases/{caseNo}/benefit-proposal',
    context: { make: openCaseVerified, shared: true },
    // Let in, and told that the verification (no data delivered for this household) is incomplete.
    call: (as, { caseNo }) => as('get', `/api/v1/cases/${caseNo}/benefit-proposal`),
    expect: statuses(403, { window: 409, townshipReviewer: 409, reviewer: 409, windowElsewhere: 404, townshipReviewerElsewhere: 404, reviewerElsewhere: 404 }),
  },
  {
    route: 'GET /api/v1/cases/{caseNo}/benefit',
    context: { make: openCaseWithBenefit, shared: true },
    call: (as, { caseNo }) => as('get', `/api/v1/cases/${caseNo}/benefit`),
    expect: statuses(404, { window: 200, townshipReviewer: 200, reviewer: 200, admin: 200, education: 403, housing: 403, educationElsewhere: 403, reporter: 403 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/benefit/changes',
    context: { make: openCaseWithBenefit },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/benefit/changes`).send({ kind: 'stop', reason: '家庭收入超过标准' }),
    expect: statuses(403, { townshipReviewer: 201, townshipReviewerElsewhere: 404, reviewer: 201, reviewerElsewhere: 404 }),
  },
  {
    route: 'GET /api/v1/cases/{caseNo}/benefit/changes/{id}/notice',
    context: { make: openCaseWithBenefitStop, shared: true },
    call: (as, { caseNo, changeId }) => as('get', `/api/v1/cases/${caseNo}/benefit/changes/${changeId}/notice`),
    expect: statuses(403, { window: 200, townshipReviewer: 200, reviewer: 200, windowElsewhere: 404, townshipReviewerElsewhere: 404, reviewerElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/verification-data',
    call: (as) => as('post', '/api/v1/verification-data').send({ batchId: `matrix-${randomUUID()}`, source: '县人社局', records: [{ idNumber: '11010519491231002X', kind: 'income', amountYuan: 300 }] }),
    expect: statuses(403, { admin: 201, adminElsewhere: 201 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/verification',
    context: { make: openCase, shared: true },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/verification`).send({}),
    expect: statuses(403, { window: 201, windowElsewhere: 404, townshipReviewer: 201, townshipReviewerElsewhere: 404, reviewer: 201, reviewerElsewhere: 404 }),
  },
  {
    route: 'GET /api/v1/cases/{caseNo}/verification',
    context: { make: openCaseVerified, shared: true },
    call: (as, { caseNo }) => as('get', `/api/v1/cases/${caseNo}/verification`),
    expect: statuses(404, { window: 200, townshipReviewer: 200, reviewer: 200, admin: 200, education: 403, housing: 403, educationElsewhere: 403, reporter: 403 }),
  },
  {
    route: 'GET /api/v1/cases/{caseNo}/decision-notice',
    context: { make: openCase, shared: true },
    // Let in, and told there is no decision yet.
    call: (as, { caseNo }) => as('get', `/api/v1/cases/${caseNo}/decision-notice`),
    expect: statuses(403, { window: 409, townshipReviewer: 409, reviewer: 409, windowElsewhere: 404, townshipReviewerElsewhere: 404, reviewerElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/investigations',
    context: { make: openCase },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/investigations`).send({ visitedOn: beijingDate(new Date()), staffIds: [1, 2], neighboursAsked: 2, findings: '情况属实' }),
    expect: statuses(403, { window: 201, windowElsewhere: 404 }),
  },
  {
    route: 'GET /api/v1/cases/{caseNo}/investigations',
    context: { make: openCase, shared: true },
    call: (as, { caseNo }) => as('get', `/api/v1/cases/${caseNo}/investigations`),
    expect: statuses(403, { window: 200, townshipReviewer: 200, reviewer: 200, windowElsewhere: 404, townshipReviewerElsewhere: 404, reviewerElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/escalation',
    context: { make: openCase },
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/escalation`).send({ reason: '情况复杂，提级审核' }),
    expect: statuses(403, { townshipReviewer: 200, townshipReviewerElsewhere: 404 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/objections',
    context: { make: openCase, shared: true },
    // The township's staff are let in, and the workflow refuses: no notice is running.
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/objections`).send({ reason: '群众反映收入不实' }),
    expect: statuses(403, { window: 409, townshipReviewer: 409, windowElsewhere: 404, townshipReviewerElsewhere: 404 }),
  },
  {
    route: 'GET /api/v1/cases/{caseNo}/notices',
    context: { make: openCase, shared: true },
    call: (as, { caseNo }) => as('get', `/api/v1/cases/${caseNo}/notices`),
    expect: statuses(403, { window: 200, townshipReviewer: 200, reviewer: 200, windowElsewhere: 404, townshipReviewerElsewhere: 404, reviewerElsewhere: 404 }),
  },
  {
    route: 'GET /api/v1/townships/{code}/notices',
    call: (as) => as('get', '/api/v1/townships/370725001/notices'),
    expect: statuses(404, { window: 200, townshipReviewer: 200, reviewer: 200, admin: 200, education: 403, housing: 403, educationElsewhere: 403, reporter: 403 }),
  },
  {
    route: 'POST /api/v1/cases/{caseNo}/emergency-aid/county-decision',
    context: { make: openCase, shared: true },
    // The county's reviewer is let in, and the workflow refuses: nothing was asked of the county.
    call: (as, { caseNo }) => as('post', `/api/v1/cases/${caseNo}/emergency-aid/county-decision`).send({ decision: 'approve', reason: '同意' }),
    expect: statuses(403, { reviewer: 409, reviewerElsewhere: 404 }),
  },
  { route: 'GET /api/v1/townships', call: (as) => as('get', '/api/v1/townships'), expect: statuses(200, {}) },
  { route: 'GET /api/v1/departments', call: (as) => as('get', '/api/v1/departments'), expect: statuses(200, {}) },
  { route: 'GET /api/v1/me', call: (as) => as('get', '/api/v1/me'), expect: statuses(200, {}) },
  {
    route: 'POST /api/v1/temporal-codec/decode',
    call: (as) => as('post', '/api/v1/temporal-codec/decode').send({ payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"x"').toString('base64') }] }),
    expect: reviewersAndAdmins(200),
  },
  {
    route: 'POST /api/v1/temporal-codec/session',
    call: (as) => as('post', '/api/v1/temporal-codec/session'),
    expect: reviewersAndAdmins(201),
  },
  {
    route: 'DELETE /api/v1/temporal-codec/session',
    call: (as) => as('delete', '/api/v1/temporal-codec/session'),
    expect: reviewersAndAdmins(204),
  },
];

describe('role matrix: every role against every route', () => {
  let api: ApiHarness;
  const tokens = {} as Record<Principal, string | undefined>;
  const shared = new Map<Row, Promise<Ctx>>();

  beforeAll(async () => {
    api = await startApiHarness();
    await ensurePrincipals(api.db);
    for (const principal of PRINCIPALS) tokens[principal] = principal === 'anonymous' ? undefined : await api.tokenFor(USERNAMES[principal as Exclude<Principal, 'anonymous'>]);
  });
  afterAll(() => api?.stop());

  const cells = ROWS.flatMap((row) => PRINCIPALS.map((principal) => [row.route, principal, row.expect[principal], row] as const));

  test.each(cells)('when %s is called as %s, then %i', async (_route, principal, expected, row) => {
    const contextOf = () => {
      if (!row.context) return Promise.resolve({ caseNo: '' });
      if (!row.context.shared) return row.context.make(api);
      if (!shared.has(row)) shared.set(row, row.context.make(api));
      return shared.get(row)!;
    };
    const ctx = await contextOf();
    const agent = (method: 'get' | 'post' | 'put' | 'delete', path: string) => {
      const test = request(api.server)[method](path);
      return tokens[principal] ? test.set('Authorization', `Bearer ${tokens[principal]}`) : test;
    };
    // A referral's workflow may still be starting (503 referral_not_ready): that is not the answer under test.
    const res = await eventually(async () => {
      const answer = await row.call(agent, ctx);
      if (answer.status === 503) throw new Error('not ready yet');
      return answer;
    });

    expect(res.status).toBe(expected);
    if (expected >= 400) {
      expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) } });
      const code = ({ 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' } as Record<number, string>)[expected];
      if (code) expect(res.body.error.code).toBe(code);
    }
  });

  test('when a department from another county reads its inbox, then it sees none of this county’s referrals', async () => {
    const { caseNo } = await openCase(api);
    // The newest referral is due last: it is on the last page.
    const mine: string[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { items: Array<{ caseNo: string }>; nextCursor: string | null } } = await api.asDepartment('education').get('/api/v1/departments/education/referrals').query({ limit: 200, ...(cursor ? { cursor } : {}) }).expect(200);
      mine.push(...body.items.map((i) => i.caseNo));
      cursor = body.nextCursor;
    } while (cursor);
    expect(mine).toContain(caseNo);
    const theirs = await api.asToken(tokens.educationElsewhere!).get('/api/v1/departments/education/referrals?status=all').expect(200);
    expect(theirs.body.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(caseNo);
    const reviewerElsewhere = await api.asToken(tokens.reviewerElsewhere!).get('/api/v1/departments/education/referrals?status=all').expect(200);
    expect(reviewerElsewhere.body.items).toEqual([]);
  });

  test('when a window opens a case for another township, then 403 names the township field and nothing is stored', async () => {
    const before = await api.db.selectFrom('cases').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await api.asToken(tokens.windowElsewhere!).post('/api/v1/cases').send(buildIntake({ township: '370725001' })).expect(403);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'township' })]);
    const after = await api.db.selectFrom('cases').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  test('when each principal reads the townships, then only their own county’s are listed', async () => {
    const here = await api.as('window').get('/api/v1/townships').expect(200);
    expect(here.body.items.every((t: { code: string }) => t.code.startsWith('370725'))).toBe(true);
    const there = await api.asToken(tokens.adminElsewhere!).get('/api/v1/townships').expect(200);
    expect(there.body.items.map((t: { code: string }) => t.code)).toEqual(['370781001']);
  });

  test('when a token is used, then /me says whose it is', async () => {
    const me = await api.asDepartment('medical' as DepartmentCode).get('/api/v1/me').expect(200);
    expect(me.body).toMatchObject({ username: 'dept.medical', role: 'department', county: '370725', township: null, department: 'medical' });
  });

  test('when the OpenAPI document lists the routes, then every /api/v1 route has a row in this matrix', async () => {
    const { body } = await request(api.server).get('/openapi.json').expect(200);
    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThanOrEqual(ROWS.length);
    expect(ROWS.map((r) => r.route).sort()).toEqual(documented.sort());
  });
});
