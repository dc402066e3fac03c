import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { parsePiiKeys } from '../../config';
import { createApp } from '../../api/app';
import { createLogger } from '../../api/logger';
import { issueToken } from '../../api/tokens';
import { connectDatabase, ensureDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { PersonalDataCipher } from '../../db/personalData';
import { casesPage } from '../../db/repositories/caseList';
import { generateCaseLoad } from '../../db/repositories/caseLoadFixture';
import { overdueClocksPage } from '../../db/repositories/clocks';
import { departmentInboxPage } from '../../db/repositories/referrals';
import { createStaff, findStaffByUsername, type NewStaff } from '../../db/repositories/staff';
import { seed } from '../../db/seed';
import { PayloadCipherCodec } from '../../temporal/payloadCodec';

/**
 * `npm run bench:lists [-- <cases>]`: the work lists' first-page latency at a large case load (default 100 000).
 * Uses a database of its own (BENCH_DATABASE_URL, default one_door_bench_lists on the local server), loads the
 * case load once (no workflows), and calls the API in-process over loopback: p50 and p95 of `RUNS` requests per
 * list, unfiltered, filtered, and a page deep in the list, over HTTP (token check, queries, decryption, JSON) and
 * the list's queries alone (page and total). Prints numbers; asserts nothing.
 */
const cases = Number(process.argv[2] ?? 100_000);
const RUNS = 40;
const COUNTY = '379901';
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/one_door_bench_lists';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  await ensureDatabase(databaseUrl);
  const db = connectDatabase(databaseUrl, 4);
  await migrateToLatest(db);
  await seed(db);
  // Fixed keys of its own: the load is made-up people, kept across runs.
  const key = (label: string) => createHash('sha256').update(`one-door bench key ${label}`).digest('base64');
  const keys = parsePiiKeys(`bench:${key('bench')}`, 'bench', key('index'));
  const pii = new PersonalDataCipher(keys);
  const loaded = await db.selectFrom('cases').innerJoin('townships', 'townships.code', 'cases.township_code').select(({ fn }) => fn.countAll<string>().as('n')).where('townships.county_code', '=', COUNTY).executeTakeFirstOrThrow();
  if (Number(loaded.n) < cases) {
    console.log(`loading ${cases} cases into ${new URL(databaseUrl).pathname.slice(1)} …`);
    const started = performance.now();
    await generateCaseLoad(db, pii, { county: COUNTY, cases: cases - Number(loaded.n), prefix: `2001${String(Number(loaded.n) % 10000).padStart(4, '0')}` });
    console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // A bulk load leaves the visibility map and statistics behind until autovacuum comes round; measure the steady
  // state a running county is in, where index-only scans need no heap visits.
  await sql`vacuum analyze cases, referrals, sla_clocks`.execute(db);
  const staff: Record<string, NewStaff> = {
    admin: { username: `bench.${COUNTY}.admin`, displayName: 'bench admin', role: 'admin', countyCode: COUNTY, townshipCode: null, departmentCode: null },
    window: { username: `bench.${COUNTY}.window`, displayName: 'bench window', role: 'window', countyCode: COUNTY, townshipCode: `${COUNTY}001`, departmentCode: null },
    education: { username: `bench.${COUNTY}.education`, displayName: 'bench education', role: 'department', countyCode: COUNTY, townshipCode: null, departmentCode: 'education' },
  };
  const tokens: Record<string, string> = {};
  for (const [who, s] of Object.entries(staff)) {
    const found = (await findStaffByUsername(db, s.username)) ?? (await createStaff(db, s));
    tokens[who] = (await issueToken(db, found.id, { lifetimeDays: 1, label: 'bench' })).token;
  }

  // The lists never touch Temporal: a client that never connects is enough.
  const app = createApp({ db, temporal: new Client(), taskQueue: 'bench', logger: createLogger('silent'), pii, rateLimitPerMinute: 1_000_000, trustProxyHops: 0, workflowAnswerMs: 10_000, payloadCodec: new PayloadCipherCodec(keys), temporalUiOrigins: [] });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;
  const get = async (who: string, path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { total: number; nextCursor: string | null; items: unknown[] };
  };
  const timed = async (run: () => Promise<unknown>) => {
    await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return `p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms`;
  };
  /** The whole request (token check, query, decryption, JSON), and the list's queries alone (page and count). */
  const measure = async (label: string, who: string, path: string, queries: () => Promise<unknown>) => {
    const { total, totalExact } = (await get(who, path)) as unknown as { total: number; totalExact: boolean };
    const http = await timed(() => get(who, path));
    const database = await timed(queries);
    console.log(`${label.padEnd(40)} HTTP ${http}   SQL ${database}   total ${totalExact ? '' : '≥'}${total}`);
  };
  const deepCursor = async (who: string, path: string, pages: number) => {
    let cursor: string | null = null;
    for (let i = 0; i < pages; i += 1) cursor = (await get(who, `${path}${path.includes('?') ? '&' : '?'}${cursor ? `cursor=${cursor}` : ''}`)).nextCursor;
    return cursor!;
  };

  const first = { limit: 50 };
  const county = { county: COUNTY };
  const inbox = { department: 'education' as const, county: COUNTY };
  const afterOf = (cursor: string): string[] => JSON.parse(Buffer.from(cursor, 'base64url').toString()).after;
  console.log(`first page (50 rows) over HTTP, ${cases} cases in county ${COUNTY}, ${RUNS} runs each:`);
  await measure('cases (county, admin)', 'admin', '/cases?limit=50', () => casesPage(db, county, {}, 'due', first));
  await measure('cases (township window)', 'window', '/cases?limit=50', () => casesPage(db, { township: `${COUNTY}001` }, {}, 'due', first));
  await measure('cases ?sla=breached&need=dibao', 'admin', '/cases?limit=50&sla=breached&need=dibao', () => casesPage(db, county, { sla: 'breached', need: 'dibao' }, 'due', first));
  await measure('cases ?township=…003&stage=referral', 'admin', `/cases?limit=50&township=${COUNTY}003&stage=referral`, () => casesPage(db, county, { township: `${COUNTY}003`, stage: 'referral' }, 'due', first));
  await measure('cases ?sort=opened', 'admin', '/cases?limit=50&sort=opened', () => casesPage(db, county, {}, 'opened', first));
  const casesCursor = await deepCursor('admin', '/cases?limit=50', 20);
  await measure('cases, page 21', 'admin', `/cases?limit=50&cursor=${casesCursor}`, () => casesPage(db, county, {}, 'due', { limit: 50, after: afterOf(casesCursor) }));
  await measure('inbox education (open)', 'education', '/departments/education/referrals?limit=50', () => departmentInboxPage(db, { ...inbox, status: 'open' }, first));
  await measure('inbox education ?sla=warning', 'education', '/departments/education/referrals?limit=50&sla=warning', () => departmentInboxPage(db, { ...inbox, status: 'open', sla: 'warning' }, first));
  await measure('inbox education ?township=…002', 'education', `/departments/education/referrals?limit=50&township=${COUNTY}002`, () => departmentInboxPage(db, { ...inbox, status: 'open', township: `${COUNTY}002` }, first));
  const inboxCursor = await deepCursor('education', '/departments/education/referrals?limit=50', 20);
  await measure('inbox education, page 21', 'education', `/departments/education/referrals?limit=50&cursor=${inboxCursor}`, () => departmentInboxPage(db, { ...inbox, status: 'open' }, { limit: 50, after: afterOf(inboxCursor) }));
  await measure('overdue (admin)', 'admin', '/admin/overdue?limit=50', () => overdueClocksPage(db, { county: COUNTY }, first));
  await measure('overdue ?sla=warning&need=medical', 'admin', '/admin/overdue?limit=50&sla=warning&need=medical', () => overdueClocksPage(db, { county: COUNTY, sla: 'warning', need: 'medical' }, first));

  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
