import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../config';
import { PersonalDataCipher } from '../../db/personalData';
import { connectDatabase } from '../../db/connect';
import { countFixtureCases, insertFixtureCases, referralsSent } from '../../db/repositories/bench';
import { apiClient, BENCH_DEPARTMENTS, benchTokens, intakeBody, type BenchTokens } from './api';
import { intakeSteps, workerProfile } from './profile';
import { latency, showLatency, type Latency } from './stats';
import { encryptingDataConverter } from '../../temporal/payloadCodec';
import { createLogger } from '../../api/logger';

/**
 * `npm run bench`, against a running `npm run dev` (same PORT, TEMPORAL_ADDRESS, DATABASE_URL; start it with
 * RATE_LIMIT_PER_MINUTE=1000000): every figure of issue 14 in one run, printed and written to
 * bench/results/<date>.json. Knobs (environment): BENCH_RAW_STARTS (400), BENCH_LOADS ("10,30,50,100" intakes/s),
 * BENCH_LOAD_SECONDS (10), BENCH_COMPLETION_CASES (40), BENCH_LIVE_CASES (2000), BENCH_LIST_CASES (100000), and
 * BENCH_PHASES (all of "start,loads,completion,live,lists,profile") to run some of them.
 */
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const RAW_STARTS = Number(env('BENCH_RAW_STARTS', '400'));
const LOADS = env('BENCH_LOADS', '10,30,50,100').split(',').map(Number).filter((r) => r > 0);
const LOAD_SECONDS = Number(env('BENCH_LOAD_SECONDS', '10'));
const COMPLETION_CASES = Number(env('BENCH_COMPLETION_CASES', '40'));
const LIVE_CASES = Number(env('BENCH_LIVE_CASES', '2000'));
const LIST_CASES = Number(env('BENCH_LIST_CASES', '100000'));
const IN_FLIGHT = 16;
const PHASES = new Set(env('BENCH_PHASES', 'start,loads,completion,live,lists,profile').split(','));

const config = loadConfig();
const API = `http://127.0.0.1:${config.port}`;
const { call, untilReady } = apiClient(`${API}/api/v1`);
let serial = Date.now() % 1_000_000;

/** Runs `work` for `count` items with `inFlight` at a time; answers per second. */
async function closedLoop(count: number, inFlight: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < count) await work(next++);
  }));
  return count / ((performance.now() - started) / 1000);
}

/** Polls `done` every second until it holds; throws after `timeoutMs`. */
async function until(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function scrape(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(url)).text();
  return new Map(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.slice(0, l.lastIndexOf(' ')), Number(l.slice(l.lastIndexOf(' ') + 1))]));
}

async function main(): Promise<void> {
  const db = connectDatabase(config.databaseUrl, 4);
  const connection = await Connection.connect({ address: config.temporal.address, tls: config.temporal.tls });
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: encryptingDataConverter(config.payloadKeys) });
  const tokens = await benchTokens(db);
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), loadavgAtStart: loadavg().map((x) => +x.toFixed(2)), node: process.version },
  };
  const say = (line: string) => console.log(line);
  say(`npm run bench: ${API}, Temporal ${config.temporal.address}; ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  // Written after every phase, so that an interrupted run keeps what it measured.
  const file = path.resolve(__dirname, '..', '..', 'bench', 'results', `${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const save = () => writeFileSync(file, `${JSON.stringify({ ...results, loadavgAtEnd: loadavg().map((x) => +x.toFixed(2)) }, null, 2)}\n`);
  // [BENCH_PHASES name, key in the results, the phase]
  const phases: Array<[string, string, () => Promise<unknown>]> = [
    ['start', 'startRate', () => startRate(temporal, tokens, say)],
    ['loads', 'openLoop', () => openLoop(tokens, say)],
    ['completion', 'completionAt8', () => completionAt8(db, tokens, say)],
    ['live', 'liveTimers', () => liveTimers(db, temporal, tokens, say)],
    ['lists', 'lists', () => lists(db, tokens, say)],
    ['profile', 'profile', () => profile(db, temporal, say)],
  ];
  for (const [, key, run] of phases.filter(([phase]) => PHASES.has(phase))) {
    results[key] = await run();
    save();
  }
  say(`\nresults: ${path.relative(process.cwd(), file)}`);
  await connection.close();
  await db.destroy();
}

/** 1. The engine's own limit: client.workflow.start of a workflow no worker runs (it times out by itself). */
async function startRate(temporal: Client, tokens: BenchTokens, say: (l: string) => void) {
  const rawQueue = `bench-raw-${randomUUID()}`;
  const rawPerSecond = await closedLoop(RAW_STARTS, IN_FLIGHT, async () => {
    await temporal.workflow.start('benchEmptyWorkflow', { taskQueue: rawQueue, workflowId: `bench-raw-${randomUUID()}`, workflowExecutionTimeout: '10 seconds' });
  });
  const intakeMs: number[] = [];
  const intakePerSecond = await closedLoop(RAW_STARTS, IN_FLIGHT, async () => {
    intakeMs.push((await call('POST', '/cases', tokens.window, intakeBody(serial++))).ms);
  });
  say(`\n1. start rate, ${IN_FLIGHT} in flight: raw workflow.start ${rawPerSecond.toFixed(1)}/s, API intake ${intakePerSecond.toFixed(1)}/s, ratio ${(intakePerSecond / rawPerSecond).toFixed(2)} (target ≥ 0.7)`);
  say(`   intake ${showLatency(latency(intakeMs))}`);
  return { inFlight: IN_FLIGHT, rawStartsPerSecond: +rawPerSecond.toFixed(1), intakesPerSecond: +intakePerSecond.toFixed(1), ratio: +(intakePerSecond / rawPerSecond).toFixed(2), intake: latency(intakeMs) };
}

/** 2. Fixed offered loads, open loop, each from a process of its own. */
async function openLoop(tokens: BenchTokens, say: (l: string) => void) {
  const loads: unknown[] = [];
  say(`\n2. open loop, ${LOAD_SECONDS} s per load: intake; every referral completable after intake; completion; decision`);
  for (const rate of LOADS) {
    const line = await new Promise<string>((resolve, reject) => {
      const child = fork(path.join(__dirname, 'openLoop.ts'), [`${API}/api/v1`, String(rate), String(LOAD_SECONDS), String(serial)], {
        env: { ...process.env, BENCH_TOKENS: JSON.stringify(tokens) },
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`open loop at ${rate}/s exited ${code}`))));
    });
    serial += rate * LOAD_SECONDS;
    const r = JSON.parse(line) as { intake: number[]; referralsReady: number[]; completion: number[]; decision: number[]; errors: string[]; drainedAfterSeconds: number };
    const figures = { rate, intake: latency(r.intake), referralsReady: latency(r.referralsReady), completion: latency(r.completion), decision: latency(r.decision), errors: r.errors.length, errorSamples: r.errors.slice(0, 3), drainedAfterSeconds: +r.drainedAfterSeconds.toFixed(1) };
    loads.push(figures);
    say(`   ${rate}/s  intake            ${showLatency(figures.intake)}`);
    say(`   ${rate}/s  referrals ready   ${showLatency(figures.referralsReady)}`);
    say(`   ${rate}/s  completion        ${showLatency(figures.completion)}`);
    say(`   ${rate}/s  decision          ${showLatency(figures.decision)}   (${figures.errors} errors; all done after ${figures.drainedAfterSeconds} s)`);
  }
  return loads;
}

/** 3. Completion and decision at concurrency 8, on cases whose referrals are all started. */
async function completionAt8(db: ReturnType<typeof connectDatabase>, tokens: BenchTokens, say: (l: string) => void) {
  const ready: string[] = [];
  await closedLoop(COMPLETION_CASES, 8, async () => {
    ready.push(String((await call('POST', '/cases', tokens.window, intakeBody(serial++))).body.caseNo));
  });
  await until('referral workflows to start', async () => (await referralsSent(db, ready)) >= ready.length * BENCH_DEPARTMENTS.length, 600_000);
  const completionMs: number[] = [];
  const work = ready.flatMap((caseNo) => BENCH_DEPARTMENTS.map((d) => ({ caseNo, d })));
  await closedLoop(work.length, 8, async (i) => {
    const { caseNo, d } = work[i];
    completionMs.push((await untilReady('POST', `/referrals/${caseNo}-${d}/complete`, tokens.departments[d], { outcome: 'granted' })).ms);
  });
  const decisionMs: number[] = [];
  await closedLoop(ready.length, 8, async (i) => {
    decisionMs.push((await untilReady('POST', `/cases/${ready[i]}/decision`, tokens.reviewer, { decision: 'approve', reason: '压测' })).ms);
  });
  say(`\n3. concurrency 8, referrals started: completion ${showLatency(latency(completionMs))} (target p95 < 200 ms)`);
  say(`   decision ${showLatency(latency(decisionMs))}`);
  return { completion: latency(completionMs), decision: latency(decisionMs) };
}


async function liveTimers(db: ReturnType<typeof connectDatabase>, temporal: Client, tokens: BenchTokens, say: (l: string) => void) {
  const sample = async (open: number) => {
    const api = await scrape(`${API}/metrics`);
    const worker = config.workerMetricsAddress ? await scrape(`http://${config.workerMetricsAddress}/metrics`).catch(() => new Map<string, number>()) : new Map<string, number>();
    const cache = [...worker.entries()].find(([k]) => k.startsWith('temporal_sticky_cache_size'))?.[1];
    const readyStarted = performance.now();
    const readyz = await fetch(`${API}/readyz`);
    const rawStarted = performance.now();
    await temporal.workflow.start('benchEmptyWorkflow', { taskQueue: `bench-raw-${randomUUID()}`, workflowId: `bench-raw-${randomUUID()}`, workflowExecutionTimeout: '10 seconds' });
    const s = {
      openCases: open,
      rssMiB: Math.round((api.get('process_resident_memory_bytes') ?? 0) / 2 ** 20),
      heapMiB: Math.round((api.get('nodejs_heap_size_used_bytes') ?? 0) / 2 ** 20),
      workflowCache: cache ?? null,
      readyz: readyz.status,
      readyzMs: Math.round(rawStarted - readyStarted),
      rawStartMs: Math.round(performance.now() - rawStarted),
    };
    say(`   ${String(open).padStart(6)} open cases: API+worker RSS ${s.rssMiB} MiB (heap ${s.heapMiB} MiB), workflow cache ${s.workflowCache ?? '?'}, /readyz ${s.readyz} in ${s.readyzMs} ms, a workflow.start ${s.rawStartMs} ms`);
    return s;
  };
  say(`\n4. ${LIVE_CASES} more cases opened (16 in flight), none completed: every clock a live timer`);
  const samples = [await sample(0)];
  const opened: string[] = [];
  const started = performance.now();
  const step = Math.max(1, Math.floor(LIVE_CASES / 4));
  await closedLoop(LIVE_CASES, IN_FLIGHT, async () => {
    opened.push(String((await call('POST', '/cases', tokens.window, intakeBody(serial++))).body.caseNo));
    if (opened.length % step === 0) samples.push(await sample(opened.length));
  });
  const intakeSeconds = (performance.now() - started) / 1000;
  await until('referral workflows to start', async () => (await referralsSent(db, opened)) >= opened.length * BENCH_DEPARTMENTS.length, 1_800_000);
  const allStartedSeconds = (performance.now() - started) / 1000;
  samples.push(await sample(opened.length));
  say(`   opened in ${intakeSeconds.toFixed(1)} s; all ${opened.length * 3} referral workflows started after ${allStartedSeconds.toFixed(1)} s (${((opened.length * 3) / allStartedSeconds).toFixed(1)}/s)`);
  return { cases: LIVE_CASES, intakeSeconds: +intakeSeconds.toFixed(1), allReferralsStartedSeconds: +allStartedSeconds.toFixed(1), samples };
}

async function profile(db: ReturnType<typeof connectDatabase>, temporal: Client, say: (l: string) => void) {
  say('\n6. profile: intake step by step (one case at a time, 20 cases)');
  const steps = await intakeSteps({ db, temporal, pii: new PersonalDataCipher(config.pii), taskQueue: config.temporal.taskQueue, logger: createLogger('silent'), workflowAnswerMs: config.workflowAnswerMs }, 20, serial);
  serial += 20;
  for (const [step, l] of Object.entries(steps)) say(`   ${step.padEnd(62)} ${showLatency(l)}`);
  const worker = config.workerMetricsAddress ? workerProfile(await (await fetch(`http://${config.workerMetricsAddress}/metrics`)).text()) : {};
  say('   the worker since it started (Temporal SDK metrics, averages):');
  for (const [what, { avgMs, n }] of Object.entries(worker)) say(`   ${what.padEnd(62)} ${String(avgMs).padStart(6)} ms  (n=${n})`);
  return { intakeSteps: steps, worker };
}

async function lists(db: ReturnType<typeof connectDatabase>, tokens: BenchTokens, say: (l: string) => void) {
  if ((await countFixtureCases(db)) < LIST_CASES) {
    say(`\n5. adding synthetic cases up to ${LIST_CASES} (npm run bench:fixtures) …`);
    await insertFixtureCases(db, LIST_CASES, 0.02);
  }
  const timed = async (path: string, bearer: string, times = 100): Promise<Latency | null> => {
    const ms: number[] = [];
    for (let i = 0; i < times; i++) ms.push((await call('GET', path, bearer)).ms);
    return latency(ms);
  };
  const items = (await call('GET', '/departments/education/referrals?status=open', tokens.departments.education)).body.items as unknown[];
  const inbox = await timed('/departments/education/referrals?status=open', tokens.departments.education);
  say(`\n5. with ${await countFixtureCases(db)} synthetic cases (2 % open) in PostgreSQL, sequential requests:`);
  say(`   department inbox (open, ${items.length} items) ${showLatency(inbox)} (target p95 < 20 ms)`);
  say('   case list: no case-list route on this branch (the settings engineer adds it, with scripts/bench/lists.ts)');
  return { fixtureCases: await countFixtureCases(db), inboxOpen: { items: items.length, ...inbox }, caseList: null };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
