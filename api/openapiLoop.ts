import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { BarredPerson, BarRequest, MaterialsReceivedRequest, MissingMaterialsRequest, Lead, LeadQuery, LeadRequest, Notification, NotificationQuery, ReasonRequest, ReferOnRequest } from './loopSchemas';
import { EmptyRequest, ErrorBody, IntakeRequest, items, Referral } from './schemas';

/** The routes of the intake rules and the referral loop (issue 7), for /openapi.json. */
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ErrorBody) });
const roles = (...names: string[]) => `允许的角色 (roles): ${names.join(', ')}`;

export const LOOP_ROUTES: RouteConfig[] = [
  {
    method: 'post',
    path: '/api/v1/barred-persons',
    summary: '登记失信记录 (record fraud against a person: intake refuses them as applicant while it is in force)',
    description: `${roles('admin')}; the caller's county; audited`,
    request: { body: json(BarRequest) },
    responses: { 201: { description: 'recorded', ...json(BarredPerson) }, 400: error('invalid record') },
  },
  {
    method: 'get',
    path: '/api/v1/barred-persons',
    summary: '失信记录 (the county’s fraud records, newest first; ID numbers masked)',
    description: roles('admin', 'reviewer'),
    responses: { 200: { description: 'records', ...json(items(BarredPerson)) } },
  },
  {
    method: 'post',
    path: '/api/v1/barred-persons/{id}/lift',
    summary: '解除失信记录 (lift a fraud record, with a reason)',
    description: `${roles('admin')}; the caller's county (others: 404); audited`,
    request: { params: z.object({ id: z.string() }), body: json(ReasonRequest) },
    responses: { 200: { description: 'lifted', ...json(BarredPerson) }, 404: error('unknown, or already lifted') },
  },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/accept',
    summary: '部门签收转办事项 (a department signs for its referral: 首问负责, within the accept clock, default 1 working day)',
    description: `${roles('department')}; only their department's referrals in their county (others: 404)`,
    request: { params: z.object({ id: z.string() }), body: json(EmptyRequest) },
    responses: { 200: { description: 'accepted', ...json(Referral) }, 404: error('unknown referral'), 409: error('not open, or the case was withdrawn or terminated (case_closed)') },
  },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/return',
    summary: '退回窗口 (a department returns its referral to the window, with a reason; its clock pauses)',
    description: `${roles('department')}; only their department's referrals in their county (others: 404)`,
    request: { params: z.object({ id: z.string() }), body: json(ReasonRequest) },
    responses: { 200: { description: 'returned', ...json(Referral) }, 404: error('unknown referral'), 409: error('not open or accepted; case_closed') },
  },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/resend',
    summary: '窗口重新转办 (the window re-sends a returned referral, with what it fixed; the clock resumes)',
    description: `${roles('window')}; their township's referrals (others: 404)`,
    request: { params: z.object({ id: z.string() }), body: json(ReasonRequest) },
    responses: { 200: { description: 'open again', ...json(Referral) }, 404: error('unknown referral'), 409: error('not returned; case_closed') },
  },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/refer-on',
    summary: '转介 (a department refers its referral on to another department, with a reason; this one ends as referred_on)',
    description: `${roles('department')}; only their department's referrals in their county (others: 404)`,
    request: { params: z.object({ id: z.string() }), body: json(ReferOnRequest) },
    responses: { 200: { description: 'referred on', ...json(Referral) }, 404: error('unknown referral'), 409: error('already_referred (the case has that department), refer_on_to_itself, not open; case_closed') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/withdraw',
    summary: '申请人撤回 (the window records the applicant’s withdrawal: referrals cancelled, clocks stopped)',
    description: `${roles('window')}; their township's cases (others: 404)`,
    request: { params: z.object({ caseNo: z.string() }), body: json(ReasonRequest) },
    responses: { 200: { description: 'withdrawn', ...json(z.object({ caseNo: z.string(), stage: z.literal('withdrawn') })) }, 404: error('unknown case'), 409: error('case_closed') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/terminate',
    summary: '终止办理 (civil affairs terminate a case, with a reason: referrals cancelled, clocks stopped)',
    description: `${roles('reviewer')}; their county's cases (others: 404)`,
    request: { params: z.object({ caseNo: z.string() }), body: json(ReasonRequest) },
    responses: { 200: { description: 'terminated', ...json(z.object({ caseNo: z.string(), stage: z.literal('terminated') })) }, 404: error('unknown case'), 409: error('case_closed') },
  },
  {
    method: 'get',
    path: '/api/v1/notifications',
    summary: '通知 (the caller’s inbox: the township’s for a window, the department’s, the county’s for reviewers and administrators; newest first)',
    description: roles('any'),
    request: { query: NotificationQuery },
    responses: { 200: { description: 'notifications, with the caller’s read marks', ...json(items(Notification)) }, 400: error('bad query') },
  },
  {
    method: 'post',
    path: '/api/v1/notifications/{id}/read',
    summary: '标记已读 (mark a notification of the caller’s inbox read)',
    description: `${roles('any')}; another inbox's notification is 404`,
    request: { params: z.object({ id: z.string() }), body: json(EmptyRequest) },
    responses: { 200: { description: 'read', ...json(z.object({ id: z.number(), read: z.literal(true) })) }, 404: error('unknown notification') },
  },
  {
    method: 'post',
    path: '/api/v1/leads',
    summary: '上报线索 (a reporter reports someone in hardship: 主动发现)',
    description: `${roles('reporter')}; for the reporter's township; due in 3 working days, 24 hours when urgent (county settings)`,
    request: { body: json(LeadRequest) },
    responses: { 201: { description: 'reported', ...json(Lead) }, 400: error('invalid lead') },
  },
  {
    method: 'get',
    path: '/api/v1/leads',
    summary: '线索 (the township window’s lead inbox, soonest due first; a reporter’s own leads with their outcome)',
    description: roles('window', 'reporter'),
    request: { query: LeadQuery },
    responses: { 200: { description: 'leads', ...json(items(Lead)) }, 400: error('bad query') },
  },
  {
    method: 'post',
    path: '/api/v1/leads/{id}/convert',
    summary: '线索转受理 (the window opens a case from a lead: the intake, prefilled from the lead, under every rule of the door)',
    description: `${roles('window')}; their township's leads (others: 404)`,
    request: { params: z.object({ id: z.string() }), headers: z.object({ 'Idempotency-Key': z.string().optional() }), body: json(IntakeRequest) },
    responses: { 201: { description: 'converted; caseNo is the new case', ...json(Lead) }, 404: error('unknown lead'), 409: error('lead_already_handled, duplicate_case') },
  },
  {
    method: 'post',
    path: '/api/v1/leads/{id}/close',
    summary: '线索办结不受理 (the window closes a lead with a reason)',
    description: `${roles('window')}; their township's leads (others: 404)`,
    request: { params: z.object({ id: z.string() }), body: json(ReasonRequest) },
    responses: { 200: { description: 'closed', ...json(Lead) }, 404: error('unknown lead'), 409: error('lead_already_handled') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/missing-materials',
    summary: '补正材料 (the window records materials still missing: the case’s clocks pause, unless all are on the county’s trust list 容缺)',
    description: `${roles('window')}; their township's cases (others: 404); after 30 days (county setting) with nothing received the case ends as not_accepted`,
    request: { params: z.object({ caseNo: z.string() }), body: json(MissingMaterialsRequest) },
    responses: { 200: { description: 'recorded', ...json(z.object({ caseNo: z.string(), missing: z.array(z.string()), trusted: z.array(z.string()), pausedClocks: z.array(z.string()), limitDays: z.number() })) }, 404: error('unknown case'), 409: error('materials_already_pending, case_closed') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/materials-received',
    summary: '补正材料已收到 (the window records the missing materials received: the clocks resume)',
    description: `${roles('window')}; their township's cases (others: 404)`,
    request: { params: z.object({ caseNo: z.string() }), body: json(MaterialsReceivedRequest) },
    responses: { 200: { description: 'recorded', ...json(z.object({ caseNo: z.string(), resumedClocks: z.array(z.string()) })) }, 404: error('unknown case'), 409: error('no_materials_pending, case_closed') },
  },
];
