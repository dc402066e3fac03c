import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CodecRequest, CodecResponse } from './codecSchemas';
import { CODEC_COOKIE, CODEC_PATH, CODEC_SESSION_HOURS } from './codecSession';
import { CalendarYearRequest, CaseDetail, ClockAction, ClockActionRequest, ClockIdParam, CountyAidDecisionRequest, DeadlineQuery, DecisionRequest, Department, EmergencyAidRequest, EmptyRequest, IntakeReceipt, IntakeRequest, Me, OverdueItem, Referral, ReferralCompletionRequest, TimeLimit, Township, items } from './schemas';
import { paged } from './pagination';
import { SettingsChangeRequest, SettingsDocument, SettingsVersionSummary } from './settingsSchemas';
import { CaseListItem, CaseListQuery, InboxItem, InboxListQuery, OverdueListQuery } from './workListSchemas';
import { Benefit, BenefitChange, BenefitChangeRequest, BenefitProposal, BenefitRequest, ReplenishmentRequest, ReserveFund } from './paymentSchemas';
import { HomeInvestigation, HomeInvestigationRequest } from './investigationSchemas';
import { BlockedList, BlockedListQuery } from './blockedWorkflows';
import { VerificationBatchReceipt, VerificationBatchRequest, VerificationCsvQuery, VerificationResult } from './verificationSchemas';
import { LOOP_ROUTES } from './openapiLoop';
import { json, error, roles } from './openapiParts';
import { REVIEW_ROUTES } from './openapiReview';
import { MonthlyReport, MonthlyReportQuery } from './reportSchemas';

// Who may call each route is declared next to it (`allow(…)` in api/routes/); here it is documented.

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
    description: `${roles('window', 'township_reviewer', 'department', 'reviewer', 'admin')}; a case outside the caller's jurisdiction is 404`,
    request: { params: z.object({ caseNo: z.string() }) },
    responses: { 200: { description: 'the case', ...json(CaseDetail) }, 404: error('unknown case') },
  },
  {
    method: 'get',
    path: '/api/v1/departments/{code}/referrals',
    summary: '部门待办 (a department’s inbox)',
    description: `${roles('department', 'reviewer', 'admin')}; department staff see their own department only (another: 404); the caller's county only`,
    request: { params: z.object({ code: z.string() }), query: InboxListQuery },
    responses: { 200: { description: 'a page of referrals, soonest due first; status=open lists those still to do (open or accepted)', ...json(paged(InboxItem)) }, 400: error('bad filter or cursor'), 404: error('unknown department') },
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
    summary: '审批决定 (the approving reviewer decides: approve or reject; a 低保/特困 approval goes to public notice first)',
    description: `${roles('township_reviewer', 'reviewer')}; the township's reviewer unless the county approves (setting) or the case was passed up; after the civil-affairs examination and, for 低保/特困, a home investigation; a decision after the deadline is accepted and marked late`,
    request: { params: z.object({ caseNo: z.string() }), body: json(DecisionRequest) },
    responses: {
      200: { description: 'recorded, or proposed and noticed until `noticeEndsAt`', ...json(z.object({ caseNo: z.string(), decision: z.string(), late: z.boolean(), noticeEndsAt: z.string().datetime().optional() })) },
      404: error('unknown case'),
      409: error('not now: no approval needed, examination pending, not_approver (the other level decides), investigation_required, notice_running, or already decided'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/emergency-aid',
    summary: '先行救助 (first aid in an emergency, within 24 hours; above the township’s limit, a request to the county: 一事一议)',
    description: `${roles('window')}; up to the county's setting reserveFundFirstAidLimitYuan (3000 yuan by default) paid from the township's reserve fund; above it, with a reason, asked of the county`,
    request: { params: z.object({ caseNo: z.string() }), body: json(EmergencyAidRequest) },
    responses: {
      200: { description: 'recorded; the paperwork clock starts', ...json(z.object({ caseNo: z.string(), late: z.boolean() })) },
      202: { description: 'asked of the county; the 24-hour clock runs on', ...json(z.object({ caseNo: z.string(), countyRequest: z.literal(true) })) },
      400: error('invalid amount; above the limit without a reason'),
      404: error('unknown case'),
      409: error('not an emergency, already recorded, or county_request_pending'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/emergency-aid/county-decision',
    summary: '县级审批先行救助 (the county approves or refuses first aid asked of it above the township’s limit)',
    description: `${roles('reviewer')}; their county's cases (others: 404); an approval is the first aid (paid from the county's funds) and meets the 24-hour clock`,
    request: { params: z.object({ caseNo: z.string() }), body: json(CountyAidDecisionRequest) },
    responses: { 200: { description: 'decided', ...json(z.object({ caseNo: z.string(), decision: z.string(), late: z.boolean() })) }, 404: error('unknown case'), 409: error('no_county_request, case_closed') },
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
    description: `${roles('window', 'township_reviewer', 'reviewer', 'department')}; clock: approval | emergency_aid | emergency_paperwork | referral:<department>; action: pause | resume | extend; a department acts on its own referral's clock only`,
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
    responses: { 200: { description: 'stored', ...json(z.object({ year: z.number(), days: z.number(), retimedWorkflows: z.number(), retimingWorkflowId: z.string() })) }, 400: error('invalid arrangement') },
  },
  {
    method: 'get',
    path: '/api/v1/admin/overdue',
    summary: '超时与临近超时 (breached and at-risk clocks, most overdue first)',
    description: `${roles('admin', 'reviewer')}; the caller's county`,
    request: { query: OverdueListQuery },
    responses: { 200: { description: 'a page of clocks', ...json(paged(OverdueItem)) }, 400: error('bad filter or cursor') },
  },
  {
    method: 'get',
    path: '/api/v1/admin/blocked',
    summary: '受阻的流程 (running workflows that cannot get past a step: Blocked, from Temporal visibility, newest first)',
    description: `${roles('admin', 'reviewer')}; the caller's county; 504 when Temporal does not answer in time`,
    request: { query: BlockedListQuery },
    responses: { 200: { description: 'blocked workflows', ...json(BlockedList) }, 400: error('bad limit'), 504: error('Temporal did not answer in time') },
  },
  {
    method: 'get',
    path: '/api/v1/reports/monthly',
    summary: '月报告 (a county’s monthly report: cases, time limits, payments and leads per township and department)',
    description: `${roles('reviewer', 'admin')}; the caller's own county (another county: 404); a calendar month in Beijing time; figures defined in docs/monthly-report.md`,
    request: { query: MonthlyReportQuery },
    responses: {
      200: { description: 'the report: JSON, or with ?format=csv or Accept: text/csv one figure a line', content: { 'application/json': { schema: MonthlyReport }, 'text/csv': { schema: z.string() } } },
      400: error('month not YYYY-MM or in the future, county not 6 digits or unknown'),
      404: error('another county'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/time-limits',
    summary: '时限设置 (the time limits in force in the caller’s county)',
    description: roles('any'),
    responses: { 200: { description: 'time limits', ...json(items(TimeLimit)) } },
  },
  {
    method: 'get',
    path: '/api/v1/cases',
    summary: '案件列表 (the caller’s cases, a page at a time)',
    description: `${roles('window', 'township_reviewer', 'department', 'reviewer', 'admin')}; the township's staff its township's cases, a department the county's cases referred to it, reviewers and administrators the county's; ID numbers masked as on the case page`,
    request: { query: CaseListQuery },
    responses: { 200: { description: 'a page of cases, soonest due first', ...json(paged(CaseListItem)) }, 400: error('bad filter or cursor') },
  },
  {
    method: 'get',
    path: '/api/v1/settings',
    summary: '县级设置 (the county’s time limits and programme settings in force)',
    description: roles('any'),
    responses: { 200: { description: 'the settings in force, with their version', ...json(SettingsDocument) } },
  },
  {
    method: 'get',
    path: '/api/v1/settings/versions',
    summary: '设置变更历史 (every version of the county’s settings: who, when, why)',
    description: roles('admin', 'reviewer'),
    responses: { 200: { description: 'versions, newest first', ...json(items(SettingsVersionSummary)) } },
  },
  {
    method: 'get',
    path: '/api/v1/settings/versions/{version}',
    summary: '某一版本的设置 (one version of the county’s settings, as written)',
    description: roles('admin', 'reviewer'),
    request: { params: z.object({ version: z.string() }) },
    responses: { 200: { description: 'the version', ...json(SettingsDocument) }, 404: error('no such version') },
  },
  {
    method: 'post',
    path: '/api/v1/settings/versions',
    summary: '变更县级设置 (change settings: a new version, for cases accepted from now on)',
    description: `${roles('admin')}; open clocks keep their limits unless retimeOpenClocks is true`,
    request: { body: json(SettingsChangeRequest) },
    responses: {
      201: { description: 'the new version, and how many workflows were told to re-time', ...json(SettingsDocument.extend({ retimedWorkflows: z.number() })) },
      400: error('invalid setting (the path names it)'),
      409: error('baseVersion is not the version in force'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/townships/{code}/reserve-fund',
    summary: '临时救助备用金余额及台账 (a township reserve fund: balance and ledger)',
    description: `${roles('window', 'township_reviewer', 'reviewer', 'admin')}; the township's staff their own township only, the others their county's (else 404); a fund opens on first use at the county's amount per resident`,
    request: { params: z.object({ code: z.string() }) },
    responses: { 200: { description: 'balance and entries', ...json(ReserveFund) }, 404: error('unknown township') },
  },
  {
    method: 'post',
    path: '/api/v1/townships/{code}/reserve-fund/replenishments',
    summary: '备用金补充拨付 (money into a township reserve fund, as a ledger entry)',
    description: `${roles('admin')}; the admin's county; once per reference (a retry answers 200 with the same entry)`,
    request: { params: z.object({ code: z.string() }), body: json(ReplenishmentRequest) },
    responses: { 201: { description: 'entered', ...json(ReserveFund.shape.entries.element) }, 200: { description: 'this reference was entered before', ...json(ReserveFund.shape.entries.element) }, 404: error('unknown township'), 409: error('reference used for another amount') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/benefit',
    summary: '社会化发放 (start the monthly payment of an approved case)',
    description: `${roles('township_reviewer', 'reviewer')}; the case must be approved; the bank account is stored encrypted; another amount than the decided one (or the proposal) needs amountReason; a retry with the same terms answers 200`,
    request: { params: z.object({ caseNo: z.string() }), body: json(BenefitRequest) },
    responses: { 201: { description: 'stored; its benefit workflow pays each month once', ...json(Benefit) }, 200: { description: 'the same benefit, stored before', ...json(Benefit) }, 404: error('unknown case'), 409: error('not approved, or a benefit on other terms exists') },
  },
  {
    method: 'get',
    path: '/api/v1/cases/{caseNo}/benefit-proposal',
    summary: '救助金额测算 (the monthly amount proposed from the case’s valid verification)',
    description: `${roles('window', 'township_reviewer', 'reviewer')}; (standard − per-capita income) × household size, at least the county minimum; another amount needs amountReason`,
    request: { params: z.object({ caseNo: z.string() }) },
    responses: { 200: { description: 'the proposal', ...json(BenefitProposal.extend({ caseNo: z.string() })) }, 404: error('unknown case'), 409: error('no valid verification') },
  },
  {
    method: 'get',
    path: '/api/v1/cases/{caseNo}/benefit',
    summary: '发放情况 (a case’s benefit and its monthly payments)',
    description: `${roles('window', 'township_reviewer', 'reviewer', 'admin')}; the account masked; with its changes and stops`,
    request: { params: z.object({ caseNo: z.string() }) },
    responses: { 200: { description: 'the benefit', ...json(Benefit) }, 404: error('unknown case, or no benefit') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/benefit/changes',
    summary: '应退尽退 (raise, reduce or stop a benefit from a month on, with the reason; the household is told in writing)',
    description: `${roles('township_reviewer', 'reviewer')}; their cases (others: 404); from next month (Beijing time) at the earliest; once per case, kind and month (a retry answers 200, other terms 409)`,
    request: { params: z.object({ caseNo: z.string() }), body: json(BenefitChangeRequest) },
    responses: {
      201: { description: 'recorded; the benefit pays the new amount from that month, nothing from a stop on', ...json(BenefitChange) },
      200: { description: 'the same change, recorded before', ...json(BenefitChange) },
      400: error('invalid change; fromMonth before next month'),
      404: error('unknown case, or no benefit'),
      409: error('benefit_ended, benefit_stopped, change_exists'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/cases/{caseNo}/benefit/changes/{id}/notice',
    summary: '变更、停发告知书 (the household’s written notice of a change or stop, printable)',
    description: `${roles('window', 'township_reviewer', 'reviewer')}; text/html, not cached`,
    request: { params: z.object({ caseNo: z.string(), id: z.string() }) },
    responses: { 200: { description: 'the notice', content: { 'text/html': { schema: z.string() } } }, 404: error('unknown case or change') },
  },
  {
    method: 'post',
    path: '/api/v1/verification-data',
    summary: '核对数据批量导入 (family economic data from the departments, in batches)',
    description: `${roles('admin')}; JSON, or text/csv with ?batchId=&source= (header idNumber,kind,amountYuan,period; record i is line i+2); all or nothing; once per batch id; people are matched through the ID-number blind index`,
    request: {
      query: VerificationCsvQuery.partial(),
      body: { content: { 'application/json': { schema: VerificationBatchRequest }, 'text/csv': { schema: z.string() } } },
    },
    responses: { 201: { description: 'stored', ...json(VerificationBatchReceipt) }, 200: { description: 'this batch was stored before', ...json(VerificationBatchReceipt) }, 400: error('invalid record (path records.<i>.<field>)'), 409: error('batch id used for other data') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/verification',
    summary: '家庭经济状况核对 (verify the household’s income and assets now)',
    description: `${roles('window', 'township_reviewer', 'reviewer')}; per-capita income against the county's 低保 standard and each asset rule, with evidence; a member without data is a finding`,
    request: { params: z.object({ caseNo: z.string() }), body: json(EmptyRequest) },
    responses: { 201: { description: 'the result', ...json(VerificationResult) }, 404: error('unknown case') },
  },
  {
    method: 'get',
    path: '/api/v1/cases/{caseNo}/verification',
    summary: '核对结果 (the case’s latest verification, with its evidence and validity)',
    description: roles('window', 'reviewer', 'admin'),
    request: { params: z.object({ caseNo: z.string() }) },
    responses: { 200: { description: 'the result', ...json(VerificationResult) }, 404: error('unknown case, or not verified yet') },
  },
  {
    method: 'get',
    path: '/api/v1/cases/{caseNo}/decision-notice',
    summary: '决定书、不予救助告知书 (the decision in writing, a printable page in Chinese)',
    description: `${roles('window', 'township_reviewer', 'reviewer')}; text/html, not cached`,
    request: { params: z.object({ caseNo: z.string() }) },
    responses: { 200: { description: 'the notice', content: { 'text/html': { schema: z.string() } } }, 404: error('unknown case'), 409: error('not decided yet') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/investigations',
    summary: '入户调查登记 (the township records a home visit)',
    description: `${roles('window')}; at least two staff of the township or county; one visit per case, review round and day (409 otherwise); findings encrypted`,
    request: { params: z.object({ caseNo: z.string() }), body: json(HomeInvestigationRequest) },
    responses: { 201: { description: 'recorded', ...json(HomeInvestigationRequest) }, 400: error('invalid visit (staffIds, visitedOn, photos)'), 404: error('unknown case'), 409: error('a visit on this day is recorded') },
  },
  {
    method: 'get',
    path: '/api/v1/cases/{caseNo}/investigations',
    summary: '入户调查记录 (the case’s home visits)',
    description: roles('window', 'township_reviewer', 'reviewer'),
    request: { params: z.object({ caseNo: z.string() }) },
    responses: { 200: { description: 'visits, oldest first', ...json(items(HomeInvestigation)) }, 404: error('unknown case') },
  },
  { method: 'get', path: '/api/v1/townships', summary: '乡镇（街道）(townships of the caller’s county)', description: roles('any'), responses: { 200: { description: 'townships', ...json(items(Township)) } } },
  { method: 'get', path: '/api/v1/departments', summary: '部门 (departments)', description: roles('any'), responses: { 200: { description: 'departments', ...json(items(Department)) } } },
  { method: 'get', path: '/api/v1/me', summary: '当前用户 (whose token this is)', description: roles('any'), responses: { 200: { description: 'the caller', ...json(Me) } } },
  {
    method: 'post',
    path: '/api/v1/temporal-codec/decode',
    summary: 'Temporal Web UI 的解码服务 (codec endpoint: decodes encrypted workflow payloads for the Web UI)',
    description: `${roles('admin', 'reviewer')}; CORS for the Temporal Web UI's origin (TEMPORAL_UI_ORIGINS); decode only`,
    request: { body: json(CodecRequest) },
    responses: { 200: { description: 'the payloads in the clear, in the same order', ...json(CodecResponse) }, 400: error('not payloads, or one that cannot be decrypted') },
  },
  {
    method: 'post',
    path: '/api/v1/temporal-codec/session',
    summary: '开启 Temporal 界面解密会话 (open a codec session for the Temporal Web UI)',
    description: `${roles('admin', 'reviewer')}; sets the HttpOnly, SameSite=Strict cookie ${CODEC_COOKIE} on ${CODEC_PATH} (a token of its own, ${CODEC_SESSION_HOURS} h, valid only for the codec endpoint), which the Web UI's decode calls carry ("include cross-origin credentials")`,
    responses: { 201: { description: 'the session and when it ends', ...json(z.object({ expiresAt: z.string().datetime() })) } },
  },
  {
    method: 'delete',
    path: '/api/v1/temporal-codec/session',
    summary: '结束解密会话 (close the codec session)',
    description: `${roles('admin', 'reviewer')}; by the cookie (that session) or the bearer token (all of the caller's codec sessions); clears the cookie`,
    responses: { 204: { description: 'closed' } },
  },
  { method: 'get', path: '/healthz', summary: 'liveness', responses: { 200: { description: 'alive' } } },
  { method: 'get', path: '/readyz', summary: 'PostgreSQL and Temporal reachable', responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } } },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (docs/operability.md)',
    description: 'Bearer METRICS_TOKEN when it is set, else only from the same host; not a staff route',
    responses: { 200: { description: 'Prometheus text format' }, 403: error('not the metrics scraper') },
  },
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
  [...ROUTES, ...LOOP_ROUTES, ...REVIEW_ROUTES].forEach((route) => registry.registerPath(secured(route)));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: '一门受理、协同办理 API (one-door social assistance)', version: '1.0.0' },
  });
}
