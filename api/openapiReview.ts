import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ReasonRequest } from './loopSchemas';
import { error, json, roles } from './openapiParts';
import { NoticeBoardEntry, NoticeBoardQuery, PublicNotice } from './reviewSchemas';
import { items } from './schemas';

/** The routes of the review after the referrals (issue 8 items 3–4), for /openapi.json. */
export const REVIEW_ROUTES: RouteConfig[] = [
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/escalation',
    summary: '提级审核 (the township passes a hard case up to the county, with a reason; the approval clock runs on)',
    description: `${roles('township_reviewer')}; their township's cases (others: 404)`,
    request: { params: z.object({ caseNo: z.string() }), body: json(ReasonRequest) },
    responses: { 200: { description: 'the county decides now', ...json(z.object({ caseNo: z.string(), approver: z.literal('county') })) }, 404: error('unknown case'), 409: error('already_county, notice_running, case_closed') },
  },
  {
    method: 'post',
    path: '/api/v1/cases/{caseNo}/objections',
    summary: '公示异议 (an objection to a running public notice: the proposal falls, the case is investigated and reviewed again)',
    description: `${roles('window', 'township_reviewer')}; their township's cases (others: 404)`,
    request: { params: z.object({ caseNo: z.string() }), body: json(ReasonRequest) },
    responses: { 201: { description: 'recorded', ...json(z.object({ caseNo: z.string(), noticeRound: z.number().int(), stage: z.literal('approval') })) }, 404: error('unknown case'), 409: error('no_open_notice, case_closed') },
  },
  {
    method: 'get',
    path: '/api/v1/cases/{caseNo}/notices',
    summary: '公示记录 (the case’s public notices, round by round, with the objection that ended one)',
    description: `${roles('window', 'township_reviewer', 'reviewer')}; cases in their jurisdiction (others: 404)`,
    request: { params: z.object({ caseNo: z.string() }) },
    responses: { 200: { description: 'notices', ...json(items(PublicNotice)) }, 404: error('unknown case') },
  },
  {
    method: 'get',
    path: '/api/v1/townships/{code}/notices',
    summary: '公示栏 (the township’s notice board: running notices, names masked, never an ID number; `format=html` prints it)',
    description: `${roles('window', 'township_reviewer', 'reviewer', 'admin')}; their township, or their county's townships (others: 404)`,
    request: { params: z.object({ code: z.string() }), query: NoticeBoardQuery },
    responses: {
      200: { description: 'the board', content: { 'application/json': { schema: z.object({ township: z.string(), items: z.array(NoticeBoardEntry) }) }, 'text/html': { schema: z.string() } } },
      400: error('bad query'),
      404: error('unknown township'),
    },
  },
];
