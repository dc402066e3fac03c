import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { LOOP_ROUTES } from './openapiLoop';
import { CalendarYearRequest, CaseDetail, ClockAction, ClockActionRequest, ClockIdParam, DeadlineQuery, DecisionRequest, Department, EmergencyAidRequest, EmptyRequest, ErrorBody, InboxItem, InboxQuery, IntakeReceipt, IntakeRequest, Me, OverdueItem, Referral, ReferralCompletionRequest, TimeLimit, Township, items } from './schemas';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ErrorBody) });

/** Who may call each route is declared next to it (`allow(…)` in api/routes/); here it is documented. */
const roles = (...names: string[]) => `允许的角色 (roles): ${names.join(', ')}`;

const ROUTES: RouteConfig[] = [
  {
    method: 'post',
    path: '/api/v1/cases',
    summary: '受理申请，开启案件 (open a case at the window)',
    description: `${roles('window')}; only for the window's own township (another: 403)`,
    request: { headers: z.object({ 'Idempotency-Key': z.string().optional() }), body: json(IntakeRequest) },
    responses: { 201: { description: 'opened, or the case this Idempotency-Key opened before', ...json(IntakeReceipt) }, 400: error('invalid input'), 403: error('another township, or applicant_barred: a fraud record against the applicant is in force'), 409: error('idempotency_key_reused, or duplicate_case: the applicant’s household has an open case for one of these needs (details[0].caseNo)') },
  },
  {
    method: 'get',
    path: '/api/v1/cases/{caseNo}',
    summary: '案件详情及时间线 (a case with its referrals and timeline)',
    description: `${roles('window', 'department', 'reviewer', 'admin')}; a case outside the caller's jurisdiction is 404`,
    request: { params: z.object({ caseNo: z.string() }) },
    responses: { 200: { description: 'the case', ...json(CaseDetail) }, 404: error('unknown case') },
  },
  {
    method: 'get',
    path: '/api/v1/departments/{code}/referrals',
    summary: '部门待办 (a department’s inbox)',
    description: `${roles('department', 'reviewer', 'admin')}; department staff see their own department only (another: 404); the caller's county only`,
    request: { params: z.object({ code: z.string() }), query: InboxQuery },
    responses: { 200: { description: 'referrals, soonest due first; status=open lists those still to do (open or accepted)', ...json(items(InboxItem)) }, 404: error('unknown department') },
  },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/complete',
    summary: '部门办结转办事项 (a department completes its referral)',
    description: `${roles('department')}; only their department's referrals in their county (others: 404)`,
    request: { params: z.object({ id: z.string() }), body: json(ReferralCompletionRequest) },
    responses: { 200: { description: 'completed', ...json(Referral) }, 404: error('unknown referral'), 409: error('already completed') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/decision',
    summary: '审批决定 (civil affairs decide: approve or reject)',
    description: `${roles('reviewer')}; after the civil-affairs examination; a decision after the deadline is accepted and marked late`,
    request: { params: z.object({ caseNo: z.string() }), body: json(DecisionRequest) },
    responses: { 200: { description: 'recorded', ...json(z.object({ caseNo: z.string(), decision: z.string(), late: z.boolean() })) }, 404: error('unknown case'), 409: error('not now: no approval needed, examination pending, or already decided') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/emergency-aid',
    summary: '先行救助 (first aid in an emergency, within 24 hours)',
    description: roles('window'),
    request: { params: z.object({ caseNo: z.string() }), body: json(EmergencyAidRequest) },
    responses: { 200: { description: 'recorded; the paperwork clock starts', ...json(z.object({ caseNo: z.string(), late: z.boolean() })) }, 404: error('unknown case'), 409: error('not an emergency, or already recorded') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/emergency-paperwork',
    summary: '后补办手续完成 (the paperwork after first aid is complete)',
    description: roles('window'),
    request: { params: z.object({ caseNo: z.string() }), body: json(EmptyRequest) },
    responses: { 200: { description: 'recorded', ...json(z.object({ caseNo: z.string(), late: z.boolean() })) }, 404: error('unknown case'), 409: error('no first aid yet, or already completed') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/clocks/{clock}/{action}',
    summary: '暂停、恢复或延长时限 (pause, resume or extend a time limit, with a reason)',
    description: `${roles('window', 'reviewer', 'department')}; clock: approval | emergency_aid | emergency_paperwork | referral:<department>; action: pause | resume | extend; a department acts on its own referral's clock only`,
    request: { params: z.object({ caseNo: z.string(), clock: ClockIdParam, action: ClockAction }), body: json(ClockActionRequest) },
    responses: { 200: { description: 'the clock after the change', ...json(z.object({ caseNo: z.string(), clock: z.unknown() })) }, 404: error('unknown case or clock'), 409: error('not possible now (met, already paused, not paused)') },
  },
  {
    method: 'get',
    path: '/api/v1/calendar/deadline',
    summary: '工作日期限计算 (the end of the n-th working day after an instant, Beijing time)',
    description: roles('any'),
    request: { query: DeadlineQuery },
    responses: { 200: { description: 'the deadline', ...json(z.object({ from: z.string(), workingDays: z.number(), dueAt: z.string(), provisional: z.boolean() })) }, 400: error('bad parameters') },
  },
  {
    method: 'get',
    path: '/api/v1/calendar/{year}',
    summary: '年度节假日安排 (a year’s holidays and make-up working days)',
    description: `${roles('any')}; an unpublished year shows its statutory days, provisional`,
    request: { params: z.object({ year: z.string() }) },
    responses: { 200: { description: 'the arrangement', ...json(z.object({ year: z.number(), provisional: z.boolean(), source: z.string(), days: z.array(z.unknown()) })) } },
  },
  {
    method: 'put',
    path: '/api/v1/calendar/{year}',
    summary: '载入年度安排 (load a year’s official arrangement; running clocks are re-timed)',
    description: roles('admin'),
    request: { params: z.object({ year: z.string() }), body: json(CalendarYearRequest) },
    responses: { 200: { description: 'stored', ...json(z.object({ year: z.number(), days: z.number(), retimedWorkflows: z.number() })) }, 400: error('invalid arrangement') },
  },
  {
    method: 'get',
    path: '/api/v1/admin/overdue',
    summary: '超时与临近超时 (breached and at-risk clocks, most overdue first)',
    description: `${roles('admin', 'reviewer')}; the caller's county`,
    responses: { 200: { description: 'clocks', ...json(items(OverdueItem)) } },
  },
  {
    method: 'get',
    path: '/api/v1/time-limits',
    summary: '时限设置 (the time limits in force in the caller’s county)',
    description: roles('any'),
    responses: { 200: { description: 'time limits', ...json(items(TimeLimit)) } },
  },
  { method: 'get', path: '/api/v1/townships', summary: '乡镇（街道）(townships of the caller’s county)', description: roles('any'), responses: { 200: { description: 'townships', ...json(items(Township)) } } },
  { method: 'get', path: '/api/v1/departments', summary: '部门 (departments)', description: roles('any'), responses: { 200: { description: 'departments', ...json(items(Department)) } } },
  { method: 'get', path: '/api/v1/me', summary: '当前用户 (whose token this is)', description: roles('any'), responses: { 200: { description: 'the caller', ...json(Me) } } },
  { method: 'get', path: '/healthz', summary: 'liveness', responses: { 200: { description: 'alive' } } },
  { method: 'get', path: '/readyz', summary: 'PostgreSQL and Temporal reachable', responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } } },
];

/** Every /api/v1 route needs a bearer token and may answer 401, 403 and 429. */
function secured(route: RouteConfig): RouteConfig {
  if (!route.path.startsWith('/api/v1/')) return route;
  return {
    ...route,
    security: [{ bearerAuth: [] }],
    responses: { ...route.responses, 401: error('no, or no valid, bearer token'), 403: error('the caller’s role may not use this route'), 429: error('too many requests') },
  };
}

export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Staff token (odt_…): `npm run staff -- create …`, or the demo tokens `npm run dev` prints',
  });
  [...ROUTES, ...LOOP_ROUTES].forEach((route) => registry.registerPath(secured(route)));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: '一门受理、协同办理 API (one-door social assistance)', version: '1.0.0' },
  });
}
