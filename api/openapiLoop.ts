import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { BarredPerson, BarRequest, ReasonRequest } from './loopSchemas';
import { ErrorBody, items } from './schemas';

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
];
