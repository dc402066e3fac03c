import request from 'supertest';
import { hashToken } from '../../api/tokens';
import { findStaffByUsername, staffEvents } from '../../db/repositories/staff';
import { DEMO_TOKEN_LIFETIME_HOURS, issueDemoTokens } from '../../scripts/demoTokens';
import { staffCli } from '../../scripts/staff';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { buildIntake } from '../support/factories';
import { ensurePrincipals, USERNAMES } from '../support/principals';

describe('authentication: staff bearer tokens', () => {
  let api: ApiHarness;
  const logLines: string[] = [];
  beforeAll(async () => {
    api = await startApiHarness({ logLines });
  });
  afterAll(() => api?.stop());

  /** Runs the staff command line, returning its exit code and what it printed. */
  async function cli(...args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
    try {
      const code = await staffCli(args, api.db, 30);
      return { code, out: lines.join('\n') };
    } finally {
      log.mockRestore();
    }
  }
  const tokenIn = (out: string) => /odt_[A-Za-z0-9_-]{43}/.exec(out)?.[0];

  test.each([
    ['no Authorization header', undefined],
    ['an empty bearer', 'Bearer '],
    ['another scheme', 'Basic d2luZG93OnNlY3JldA=='],
    ['a token of the wrong shape', 'Bearer not-a-token'],
    ['a well-shaped token nobody was given', `Bearer odt_${'A'.repeat(43)}`],
    ['two tokens', 'Bearer odt_aaa odt_bbb'],
  ])('when a request has %s, then 401 in the error shape with a WWW-Authenticate challenge', async (_what, header) => {
    const call = request(api.server).get('/api/v1/townships');
    const res = await (header === undefined ? call : call.set('Authorization', header)).expect(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.stringMatching(/\(.*token.*\)/), details: [] } });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  test('when a path under /api/v1 does not exist and no token is sent, then 401 (routes are not revealed to strangers)', async () => {
    await request(api.server).get('/api/v1/nowhere').expect(401);
  });

  test('when an anonymous request has a malformed body, then 401: the body is not even parsed', async () => {
    const res = await request(api.server).post('/api/v1/cases').set('Content-Type', 'application/json').send('{"township":').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  test('when the scheme is written in lower case, then the token is accepted', async () => {
    await request(api.server).get('/api/v1/me').set('Authorization', `bearer ${api.tokens.admin}`).expect(200);
  });

  test('when a token is issued, then only its SHA-256 is stored, and using it records when it was last used', async () => {
    const token = await api.tokenFor('dept.housing');
    const stored = await api.db.selectFrom('staff_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.last_used_at).toBeNull();
    expect(stored.expires_at.getTime()).toBeGreaterThan(Date.now());
    await api.asToken(token).get('/api/v1/me').expect(200);
    const used = await api.db.selectFrom('staff_tokens').select('last_used_at').where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
  });

  test('when a token has expired, then 401', async () => {
    const token = await api.tokenFor('dept.housing');
    await api.asToken(token).get('/api/v1/me').expect(200);
    await api.db.updateTable('staff_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashToken(token)).execute();
    const res = await api.asToken(token).get('/api/v1/me').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  test('when `npm run staff -- create` makes a window clerk, then it prints a token once that works for their township only', async () => {
    const { code, out } = await cli('create', '--username', 'window.qiaoguan.1', '--role', 'window', '--township', '370725101', '--name', '乔官镇窗口一');
    expect(code).toBe(0);
    const token = tokenIn(out)!;
    expect(token).toBeDefined();
    const me = await api.asToken(token).get('/api/v1/me').expect(200);
    expect(me.body).toMatchObject({ username: 'window.qiaoguan.1', role: 'window', township: '370725101', county: '370725' });
    await api.asToken(token).post('/api/v1/cases').send({}).expect(400);
    const list = await cli('list');
    expect(list.out).toContain('window.qiaoguan.1');
    expect(list.out).not.toContain(token);
  });

  test('when `npm run staff -- revoke` revokes a staff member, then their tokens answer 401 at once', async () => {
    await cli('create', '--username', 'dept.medical.2', '--role', 'department', '--department', 'medical', '--county', '370725', '--name', '医保局二');
    const first = tokenIn((await cli('token', '--username', 'dept.medical.2')).out)!;
    const second = tokenIn((await cli('token', '--username', 'dept.medical.2')).out)!;
    await api.asToken(first).get('/api/v1/departments/medical/referrals').expect(200);

    const staff = await findStaffByUsername(api.db, 'dept.medical.2');
    const one = await api.db.selectFrom('staff_tokens').select('id').where('token_hash', '=', hashToken(first)).executeTakeFirstOrThrow();
    expect((await cli('revoke', '--token-id', String(one.id))).code).toBe(0);
    await api.asToken(first).get('/api/v1/me').expect(401);
    await api.asToken(second).get('/api/v1/me').expect(200);

    const all = await cli('revoke', '--username', 'dept.medical.2');
    expect(all.out).toMatch(/revoked [1-9]\d* token/);
    await api.asToken(second).get('/api/v1/me').expect(401);
    const live = await api.db.selectFrom('staff_tokens').select('id').where('staff_id', '=', staff!.id).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);
  });

  test.each([
    [['create', '--username', 'x', '--role', 'window', '--name', 'X'], /township/],
    [['create', '--username', 'y', '--role', 'department', '--name', 'Y'], /department/],
    [['create', '--username', 'z', '--role', 'boss', '--name', 'Z'], /role/],
    [['create', '--username', 'window.baocheng', '--role', 'window', '--township', '370725001', '--name', 'dup'], /exists/],
    [['create', '--username', 'w', '--role', 'window', '--township', '999999999', '--name', 'W'], /unknown township/],
    [['revoke', '--username', 'nobody'], /no staff member/],
    [['fly'], /unknown command/],
  ])('when the staff command is misused (%j), then it refuses with the reason and creates nothing', async (args, reason) => {
    const before = await api.db.selectFrom('staff').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(cli(...args)).rejects.toThrow(reason);
    const after = await api.db.selectFrom('staff').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  // ---- issue 11 item 8 ----

  test.each([
    ['?access_token=', (t: string) => `/api/v1/me?access_token=${t}`],
    ['?token=', (t: string) => `/api/v1/departments/education/referrals?status=open&token=${t}`],
    ['a token-shaped value', (t: string) => `/api/v1/me?x=${t}`],
  ])('when a token travels in the URL (%s), then 400 token_in_url even with a valid header, and the log never shows it', async (_what, url) => {
    const token = await api.tokenFor('dept.education');
    logLines.length = 0;
    const res = await api.asToken(token).get(url(token)).expect(400);
    expect(res.body.error.code).toBe('token_in_url');
    await request(api.server).get(url(token)).expect(400);
    const log = logLines.join('\n');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.slice(4, 20));
  });

  test('when `npm run dev` prints demo tokens, then they live for a working day, not a month', async () => {
    const before = Date.now();
    const tokens = await issueDemoTokens(api.db, { label: 'dev-test', revokePrevious: true });
    expect(tokens.length).toBeGreaterThan(3);
    for (const t of tokens) {
      expect(t.expiresAt.getTime()).toBeLessThanOrEqual(before + DEMO_TOKEN_LIFETIME_HOURS * 3_600_000 + 60_000);
      expect(t.expiresAt.getTime()).toBeGreaterThan(before);
    }
    expect(DEMO_TOKEN_LIFETIME_HOURS).toBeLessThanOrEqual(12);
    await issueDemoTokens(api.db, { label: 'dev-test', revokePrevious: true });
    await api.asToken(tokens[0].token).get('/api/v1/me').expect(401);
  });

  test('when another window sends the same Idempotency-Key, then it gets a case of its own: it neither takes nor learns of the first', async () => {
    await ensurePrincipals(api.db);
    const other = await api.tokenFor(USERNAMES.windowElsewhere);
    const key = `shared-key-${Date.now()}`;
    const mine = await api.as('window').post('/api/v1/cases').set('Idempotency-Key', key).send(buildIntake({ township: '370725001' })).expect(201);
    const theirs = await api.asToken(other).post('/api/v1/cases').set('Idempotency-Key', key).send(buildIntake({ township: '370725002' })).expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.caseNo).not.toBe(mine.body.caseNo);
    // The same staff member retrying still finds their own case.
    const retried = await api.asToken(other).post('/api/v1/cases').set('Idempotency-Key', key).send(buildIntake({ township: '370725002' })).expect(409);
    expect(retried.body.error.code).toBe('idempotency_key_reused');
  });

  test('when `npm run staff -- disable` disables a staff member, then their live tokens stop at once, no new token is issued, and it is audited', async () => {
    await cli('create', '--username', 'leaver.housing', '--role', 'department', '--department', 'housing', '--county', '370725', '--name', '住建局离职');
    const token = tokenIn((await cli('token', '--username', 'leaver.housing')).out)!;
    await api.asToken(token).get('/api/v1/me').expect(200);

    const { code, out } = await cli('disable', '--username', 'leaver.housing');
    expect(code).toBe(0);
    expect(out).toMatch(/disabled leaver\.housing; revoked 2 token/);
    await api.asToken(token).get('/api/v1/me').expect(401);
    await expect(cli('token', '--username', 'leaver.housing')).rejects.toThrow(/disabled/);
    await expect(api.tokenFor('leaver.housing')).rejects.toThrow(/disabled/);
    expect((await cli('list')).out).toMatch(/leaver\.housing .* disabled \d{4}-/);

    const staff = (await findStaffByUsername(api.db, 'leaver.housing'))!;
    expect(await staffEvents(api.db, staff.id)).toEqual([{ type: 'staff_disabled', actor: expect.stringMatching(/^cli:/), detail: { revokedTokens: 2 }, occurred_at: expect.any(Date) }]);
    // Even a token that was somehow left unrevoked does not work for a disabled member.
    await api.db.updateTable('staff_tokens').set({ revoked_at: null }).where('staff_id', '=', staff.id).execute();
    await api.asToken(token).get('/api/v1/me').expect(401);
    await expect(api.db.deleteFrom('staff_events').where('staff_id', '=', staff.id).execute()).rejects.toThrow(/append-only/);
    expect((await cli('disable', '--username', 'leaver.housing')).out).toMatch(/disabled already/);
  });
});
