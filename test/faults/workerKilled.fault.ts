import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { expectClosedExactlyOnce, runApprovalCases } from './caseFlow';
import { killHard, startWorkerProcess } from './workerProcesses';

const CASES = Number(process.env.FAULT_CASES ?? 300);
const KILLS = 10;

describe('kill -9 of the worker while cases flow (dev server, PostgreSQL)', () => {
  let api: ApiHarness;
  const taskQueue = `fault-${randomUUID()}`;
  const workerEnv = { databaseUrl: process.env.TEST_DATABASE_URL!, temporalAddress: process.env.TEST_TEMPORAL_ADDRESS!, taskQueue };
  let worker: ChildProcess | undefined;
  beforeAll(async () => {
    api = await startApiHarness({ externalWorkerQueue: taskQueue });
  });
  afterAll(async () => {
    if (worker) await killHard(worker);
    await api?.stop();
  });

  test(`when the only worker is killed ${KILLS} times while ${CASES} cases go from intake to decision, then every case closes with each step on record once`, async () => {
    worker = await startWorkerProcess(workerEnv);
    const flowing = runApprovalCases(api, CASES, 8);
    let kills = 0;
    let finished = false;
    void flowing.finally(() => (finished = true));
    // A kill every time a few more cases have closed, so that the kills fall across the whole run.
    const closedCount = async () => Number((await api.db.selectFrom('cases').select(({ fn }) => fn.countAll().as('n')).where('stage', '=', 'closed').executeTakeFirstOrThrow()).n);
    const closedAtStart = await closedCount();
    while (kills < KILLS && !finished) {
      const target = closedAtStart + Math.ceil(((kills + 1) * CASES) / (KILLS + 2));
      while (!finished && (await closedCount()) < target) await new Promise((resolve) => setTimeout(resolve, 200));
      if (finished) break;
      await killHard(worker);
      kills += 1;
      worker = await startWorkerProcess(workerEnv);
    }
    const caseNos = await flowing;
    expect(kills).toBe(KILLS);
    expect(new Set(caseNos).size).toBe(CASES);
    // The stage closes just after the decision's answer.
    await eventually(() => expectClosedExactlyOnce(api, caseNos), 120_000);
  });
});
