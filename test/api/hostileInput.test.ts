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
    fc.tuple(fc.constant(['narrative']), fc.oneof(notAString.filter((v) => v !== null), fc.constant('x'.repeat(5001)), fc.constantFrom('\u0000', '\ud800'))),
    fc.tuple(fc.constantFrom(['__proto__'], ['constructor'], ['isAdmin'], ['staff']), anythingDefined(2)),
  )
  .map(([path, value]: Mutation) => set(buildIntake({ needs: ['dibao', 'education'] }), path, value));

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
             (select count(*) from staff_tokens) as staff_tokens,
             (select count(*) from barred_persons) as barred_persons, (select count(*) from audit_events) as audit_events,
             (select count(*) from notification_reads) as notification_reads, (select count(*) from leads) as leads,
             (select count(*) from referrals where status = 'completed') as completed`.execute(api.db);
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
    tokens = {
      window: api.tokens.window,
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
    fc.constantFrom('/api/v1/cases', '/api/v1/townships', '/api/v1/departments', '/api/v1/me', '/healthz', '/readyz', '/openapi.json', '/api/v1', '/api/v2/cases', '/', '/api/v1/barred-persons', '/api/v1/notifications', '/api/v1/leads'),
    fc.tuple(segment, fc.constantFrom('convert', 'close')).map(([s, action]) => `/api/v1/leads/${s}/${action}`),
    fc.tuple(segment, fc.constantFrom('accept', 'return', 'resend', 'refer-on')).map(([s, action]) => `/api/v1/referrals/${s}/${action}`),
    fc.tuple(segment, fc.constantFrom('withdraw', 'terminate', 'missing-materials', 'materials-received')).map(([s, action]) => `/api/v1/cases/${s}/${action}`),
    segment.map((s) => `/api/v1/barred-persons/${s}/lift`),
    fc.constant('CASE').map(() => `/api/v1/cases/${caseNo}`),
    segment.map((s) => `/api/v1/cases/${s}`),
    fc.oneof(segment, fc.constantFrom('education', 'housing', 'lottery', 'EDUCATION')).map((s) => `/api/v1/departments/${s}/referrals`),
    fc.oneof(segment, fc.constantFrom('REF')).map((s) => `/api/v1/referrals/${s === 'REF' ? `${caseNo}-education` : s}/complete`),
    fc.constant('REF').map(() => `/api/v1/referrals/${caseNo}-education/complete`),
    fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/api/v1/${s.join('/')}`),
  );
  const query = fc.oneof(
    fc.constant(''),
    fc.constantFrom('?status=open', '?status=lost', '?status=open&status=all', '?status[]=open', '?status[$ne]=x', '?status=%ff', '?__proto__[x]=1', '?x=' + 'y'.repeat(2000)),
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
      method: fc.constant('get' as const),
      path: fc.constantFrom('education', 'housing', 'medical').map((d) => `/api/v1/departments/${d}/referrals`),
      query,
      auth: fc.constantFrom('education', 'reviewer', 'window').map((who) => ({ kind: 'token' as const, who })),
      contentType: fc.constant(undefined),
      headers: fc.constant({}),
      body: fc.constant(undefined),
    }),
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
  const shot = fc.oneof(anyShot, targetedShot, loopShot);

  test(`when ${RUNS} hostile requests hit every route, then none answers 5xx, every 4xx has the error shape, and no row is written`, async () => {
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
          // Only reading can succeed.
          expect(s.method === 'get' || s.method === 'options').toBe(true);
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
