import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevProcess, type DevProcess } from '../../scripts/devProcess';
import { eventually } from '../support/eventually';
import { freePort } from '../support/freePort';

/**
 * Smoke test of the README's first command (CI runs it, also with no PostgreSQL reachable): `npm run dev` starts,
 * a window opens a case, the department completes its referral, the reviewer approves if the case needs it, and
 * the case is closed. Then Ctrl-C stops everything cleanly. Its data (Temporal's, the embedded PostgreSQL's) goes
 * to a temporary directory, not the developer's .data/.
 *
 *   npx tsx test/smoke/devCase.ts
 */
async function main(): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'one-door-smoke-'));
  const env = { ...process.env, DEV_DATA_DIR: dataDir, PORT: String(port), TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, TEMPORAL_UI_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
  const started = Date.now();
  const dev = await startDevProcess(env);
  console.log(`npm run dev ready in ${((Date.now() - started) / 1000).toFixed(1)} s; ${dev.output().match(/^\s*PostgreSQL .*$/m)?.[0].trim()}`);
  const walked = openAndCloseCase(dev, `http://127.0.0.1:${port}/api/v1`).then(
    () => undefined,
    (err: unknown) => err,
  );
  const failure = await walked;
  const { leftRunning } = await dev.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (failure) throw failure;
  if (leftRunning) throw new Error(`npm run dev left processes running a minute after Ctrl-C:\n${dev.output().slice(-3000)}`);
  if (/^stopping …$/m.test(dev.output()) === false) throw new Error(`npm run dev did not stop on Ctrl-C:\n${dev.output().slice(-3000)}`);
  console.log('smoke: a case opened and closed through npm run dev; Ctrl-C stopped it cleanly');
}

async function openAndCloseCase(dev: DevProcess, api: string): Promise<void> {
  const call = async (username: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}) => {
    const token = dev.tokens[username];
    if (!token) throw new Error(`npm run dev printed no token for ${username}`);
    const res = await fetch(`${api}${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are read field by field below
    const json = (await res.json()) as Record<string, any>;
    if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const opened = await call('window.baocheng', 'POST', '/cases', {
    township: '370725001',
    applicant: { name: '冒烟测试', idNumber: '11010519491231002X', phone: '13805361234' },
    household: { members: [] },
    needs: ['temporary_expense', 'education'],
  }, { 'Idempotency-Key': `smoke-${Date.now()}` });
  const caseNo = opened.caseNo as string;
  console.log(`opened case ${caseNo}, referred to ${opened.referrals.map((r: { department: string }) => r.department).join(', ')}`);
  for (const { id, department } of opened.referrals as { id: string; department: string }[]) {
    await eventually(() => call(`dept.${department}`, 'POST', `/referrals/${id}/complete`, { outcome: 'granted', measures: ['other'] }), 120_000);
  }
  const closed = await eventually(async () => {
    const kase = await call('window.baocheng', 'GET', `/cases/${caseNo}`);
    if (kase.stage === 'approval') await call('reviewer.baocheng', 'POST', `/cases/${caseNo}/decision`, { decision: 'approve', reason: '冒烟测试：符合条件' });
    if (kase.stage !== 'closed') throw new Error(`case ${caseNo} is at stage ${kase.stage}`);
    return kase;
  }, 120_000);
  console.log(`case ${closed.caseNo} closed`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
