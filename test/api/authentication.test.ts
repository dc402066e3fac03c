import request from 'supertest';
import { hashToken } from '../../api/tokens';
import { findStaffByUsername } from '../../db/repositories/staff';
import { staffCli } from '../../scripts/staff';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';

describe('authentication: staff bearer tokens', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
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
});
