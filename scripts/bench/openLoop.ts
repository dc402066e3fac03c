import { apiClient, BENCH_DEPARTMENTS, intakeBody, type BenchTokens } from './api';

/**
 * One open-loop load, in a process of its own (forked by `npm run bench`): offers `rate` intakes per second for
 * `seconds`, on schedule whatever the answers take; for each case, as soon as it is open, every department
 * completes its referral (retrying while it answers 503 not ready) and then the reviewer decides. Prints one
 * JSON line: the raw samples, in milliseconds.
 */
async function main(): Promise<void> {
  const [base, rateArg, secondsArg, firstArg] = process.argv.slice(2);
  const [rate, seconds, first] = [Number(rateArg), Number(secondsArg), Number(firstArg)];
  const tokens = JSON.parse(process.env.BENCH_TOKENS!) as BenchTokens;
  const { call, untilReady } = apiClient(base);
  const samples = { intake: [] as number[], referralsReady: [] as number[], completion: [] as number[], decision: [] as number[], errors: [] as string[] };

  const oneCase = async (n: number) => {
    try {
      const opened = await call('POST', '/cases', tokens.window, intakeBody(n));
      samples.intake.push(opened.ms);
      const caseNo = String(opened.body.caseNo);
      const openedAt = performance.now();
      const completions = await Promise.all(
        BENCH_DEPARTMENTS.map(async (d) => {
          const done = await untilReady('POST', `/referrals/${caseNo}-${d}/complete`, tokens.departments[d], { outcome: 'granted' });
          // Ready when the successful completion was sent: its own latency does not count.
          return { readyAfter: performance.now() - done.ms - openedAt, ms: done.ms };
        }),
      );
      samples.referralsReady.push(Math.max(...completions.map((c) => c.readyAfter)));
      samples.completion.push(...completions.map((c) => c.ms));
      samples.decision.push((await untilReady('POST', `/cases/${caseNo}/decision`, tokens.reviewer, { decision: 'approve', reason: '压测' })).ms);
    } catch (err) {
      samples.errors.push(String(err).slice(0, 200));
    }
  };

  const started = performance.now();
  const total = Math.round(rate * seconds);
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    running.push(oneCase(first + i));
  }
  const offeredFor = (performance.now() - started) / 1000;
  await Promise.all(running);
  process.stdout.write(`${JSON.stringify({ rate, offered: total, offeredForSeconds: offeredFor, drainedAfterSeconds: (performance.now() - started) / 1000, ...samples })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
