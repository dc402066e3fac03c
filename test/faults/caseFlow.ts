import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { ApiHarness } from '../support/apiHarness';
import { buildIntake } from '../support/factories';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `send` until it answers one of `done` (5xx, a 409 `not_ready`-kind refusal and network errors are
 * retried, as a clerk's client would); `alsoDone` are the codes a retry may meet when an earlier attempt
 * succeeded after all (e.g. already completed).
 */
async function untilDone(send: () => Promise<Response>, done: number[], alsoDone: string[], run: CaseRun, timeoutMs = 600_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    if (run.failed) throw new Error('stopped: another case of the run failed');
    const res = await send().catch(() => undefined);
    if (res && (done.includes(res.status) || (attempt > 0 && alsoDone.includes(res.body?.error?.code)))) return res;
    if (res && res.status < 500 && res.status !== 409) throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
    if (res?.status === 409 && !['not_ready'].includes(res.body?.error?.code) && !alsoDone.includes(res.body?.error?.code)) {
      throw new Error(`unexpected 409 ${JSON.stringify(res.body)}`);
    }
    if (Date.now() > deadline) throw new Error(`gave up: last answer ${res?.status} ${JSON.stringify(res?.body)}`);
    await pause(250);
  }
}

/** Cases run together: the first failure stops the others' retries, so that the run ends with that failure. */
interface CaseRun {
  failed?: unknown;
}

/**
 * A case of expenditure-type temporary aid (支出型临时救助: the township approves it, final at once) through the API,
 * from intake to the decision, retrying as a client would.
 */
export async function runApprovalCase(api: ApiHarness, run: CaseRun = {}): Promise<string> {
  const key = `fault-${randomUUID()}`;
  const body = buildIntake({ needs: ['temporary_expense'] });
  const opened = await untilDone(() => api.as('window').post('/api/v1/cases').set('Idempotency-Key', key).send(body), [200, 201], [], run);
  const { caseNo } = opened.body as { caseNo: string };
  await untilDone(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }), [200], ['referral_already_completed'], run);
  await untilDone(() => api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'approve', reason: '符合条件' }), [200], ['already_decided'], run);
  return caseNo;
}

/** Runs `count` cases, `concurrency` at a time. */
export async function runApprovalCases(api: ApiHarness, count: number, concurrency: number): Promise<string[]> {
  const caseNos: string[] = [];
  const run: CaseRun = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      try {
        while (next < count) {
          next += 1;
          caseNos.push(await runApprovalCase(api, run));
        }
      } catch (err) {
        run.failed ??= err;
        throw err;
      }
    }),
  );
  return caseNos;
}

/** Every case closed, each step on record exactly once, no notification twice: what a fault must not break. */
export async function expectClosedExactlyOnce(api: ApiHarness, caseNos: string[]): Promise<void> {
  const stages = await api.db.selectFrom('cases').select(['case_no', 'stage', 'decision']).where('case_no', 'in', caseNos).execute();
  expect(stages.filter((c) => c.stage !== 'closed' || c.decision !== 'approve')).toEqual([]);
  expect(stages).toHaveLength(caseNos.length);
  const events = await api.db.selectFrom('case_events').select(['case_no', 'type']).where('case_no', 'in', caseNos).execute();
  const count = (caseNo: string, type: string) => events.filter((e) => e.case_no === caseNo && e.type === type).length;
  const wrong = caseNos.filter((c) => ['case_opened', 'referral_sent', 'referral_completed', 'decision_recorded'].some((type) => count(c, type) !== 1));
  expect(wrong).toEqual([]);
  const referrals = await api.db.selectFrom('referrals').select(['case_no', 'status']).where('case_no', 'in', caseNos).execute();
  expect(referrals.filter((r) => r.status !== 'completed')).toEqual([]);
  expect(referrals).toHaveLength(caseNos.length);
}
