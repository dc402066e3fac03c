import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';

describe('reference data, health and the OpenAPI document', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  test('when the window loads its form, then it gets the townships and the five departments in zh-CN and English', async () => {
    const townships = await api.as('window').get('/api/v1/townships').expect(200);
    expect(townships.body.items).toEqual(expect.arrayContaining([{ code: '370725001', nameZh: '宝城街道', nameEn: 'Baocheng Subdistrict', population: 98000 }]));
    const departments = await api.asDepartment('housing').get('/api/v1/departments').expect(200);
    expect(departments.body.items.map((d: { code: string }) => d.code).sort()).toEqual(['civil_affairs', 'education', 'employment', 'housing', 'medical']);
  });

  test('when an administrator reads the time limits, then the legal defaults are in force for the demo county', async () => {
    const { body } = await api.as('admin').get('/api/v1/time-limits').expect(200);
    const limit = (clock: string, programme: string) => body.items.find((t: { clock: string; programme: string }) => t.clock === clock && t.programme === programme);
    expect(limit('approval', 'dibao')).toMatchObject({ county: '370725', unit: 'working_days', amount: 10 });
    expect(limit('emergency_aid', '*')).toMatchObject({ unit: 'hours', amount: 24, escalateEveryHours: 1 });
    expect(limit('referral', 'education')).toMatchObject({ unit: 'working_days', amount: 5 });
  });

  test('when PostgreSQL and Temporal are up, then /healthz and /readyz say so', async () => {
    await request(api.server).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(api.server).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', postgres: true, temporal: true });
    expect(['match', 'unclaimed']).toContain(ready.body.deployment);
  });

  test('when a client reads /openapi.json, then every route is described with its schemas', async () => {
    const { body } = await request(api.server).get('/openapi.json').expect(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{caseNo}', '/api/v1/departments/{code}/referrals', '/api/v1/referrals/{id}/complete']),
    );
    expect(body.components.schemas.IntakeRequest.properties.applicant).toBeDefined();
  });

  test('when a path does not exist, then 404 in the error shape', async () => {
    const res = await api.as('admin').get('/api/v1/nowhere').expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String), details: [] } });
  });
});
