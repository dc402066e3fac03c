import { loadConfig } from '../../config';
import { connectDatabase } from '../../db/connect';
import { benchIdNumber, benchTokens } from './api';
import { percentile } from './stats';

/**
 * `npm run bench:intake [-- <cases> <concurrency>]`, against a running `npm run dev`: opens cases over HTTP as
 * the demo window, has every department complete its referral and the reviewer decide, and prints latencies and
 * throughput. Loopback only; bounded in count.
 */
const [cases = 100, concurrency = 8] = process.argv.slice(2).map(Number);
const API = `http://127.0.0.1:${loadConfig().port}/api/v1`;

async function main(): Promise<void> {
  const config = loadConfig();
  const db = connectDatabase(config.databaseUrl, 2);
  const tokens = await benchTokens(db);
  const deptTokens: Record<string, string> = tokens.departments;
  await db.destroy();

  const call = async (method: string, path: string, bearer: string, body?: object) => {
    const started = performance.now();
    const res = await fetch(`${API}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    if (res.status >= 400 && res.status !== 503) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return { status: res.status, ms: performance.now() - started, body: (res.status < 300 ? await res.json() : {}) as { caseNo: string } };
  };
  const retrying = async (method: string, path: string, bearer: string, body?: object) => {
    for (;;) {
      const answer = await call(method, path, bearer, body);
      if (answer.status !== 503) return answer;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const intake: number[] = [];
  const completion: number[] = [];
  const endToEnd: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases) {
        const n = next++;
        const started = performance.now();
        const opened = await call('POST', '/cases', tokens.window, {
          township: '370725001',
          applicant: { name: '压测申请人', idNumber: benchIdNumber(n) },
          needs: ['dibao', 'education', 'medical'],
        });
        intake.push(opened.ms);
        for (const d of ['civil_affairs', 'education', 'medical']) {
          completion.push((await retrying('POST', `/referrals/${opened.body.caseNo}-${d}/complete`, deptTokens[d], { outcome: 'granted' })).ms);
        }
        await retrying('POST', `/cases/${opened.body.caseNo}/decision`, tokens.reviewer, { decision: 'approve', reason: '压测' });
        endToEnd.push(performance.now() - started);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const line = (name: string, xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    console.log(`${name.padEnd(22)} n=${String(s.length).padStart(4)}  p50=${percentile(s, 50).toFixed(0)} ms  p95=${percentile(s, 95).toFixed(0)} ms  max=${s[s.length - 1].toFixed(0)} ms`);
  };
  console.log(`${cases} cases, concurrency ${concurrency}, ${seconds.toFixed(1)} s, ${(cases / seconds).toFixed(1)} cases/s (intake + 3 completions + decision each)`);
  line('POST /cases', intake);
  line('POST …/complete', completion);
  line('case, end to end', endToEnd);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
