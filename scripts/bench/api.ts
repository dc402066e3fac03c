import type { Kysely } from 'kysely';
import { issueToken } from '../../api/tokens';
import { findStaffByUsername } from '../../db/repositories/staff';
import type { Database } from '../../db/schema';
import { checkCharacter } from '../../domain/idNumber';

/** The benchmarks' view of the API: tokens of the demo staff, timed calls, a synthetic applicant. */

export const BENCH_DEPARTMENTS = ['civil_affairs', 'education', 'medical'] as const;

export interface BenchTokens {
  window: string;
  reviewer: string;
  departments: Record<(typeof BENCH_DEPARTMENTS)[number], string>;
}

export async function benchTokens(db: Kysely<Database>): Promise<BenchTokens> {
  const token = async (username: string) => (await issueToken(db, (await findStaffByUsername(db, username))!.id, { lifetimeDays: 1, label: 'bench' })).token;
  const departments = {} as BenchTokens['departments'];
  for (const d of BENCH_DEPARTMENTS) departments[d] = await token(`dept.${d}`);
  return { window: await token('window.baocheng'), reviewer: await token('reviewer.county'), departments };
}

/** A valid, synthetic ID number (GB 11643 check character), different for each n. */
export function benchIdNumber(n: number): string {
  const first17 = `370725198${String(n % 10)}0101${String(n % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export const intakeBody = (n: number) => ({ township: '370725001', applicant: { name: '压测申请人', idNumber: benchIdNumber(n) }, needs: ['dibao', 'education', 'medical'] });

export interface Answer {
  status: number;
  ms: number;
  body: Record<string, unknown>;
}

export function apiClient(base: string) {
  const call = async (method: string, path: string, bearer: string, body?: object): Promise<Answer> => {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status >= 400 && res.status !== 503) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, ms, body: res.status < 300 ? JSON.parse(text) : {} };
  };
  /** Calls until the answer is not `503 …_not_ready` (every 500 ms, as a polite client would; the API says Retry-After: 1); the latency is that of the successful call. */
  const untilReady = async (method: string, path: string, bearer: string, body?: object): Promise<Answer> => {
    for (;;) {
      const answer = await call(method, path, bearer, body);
      if (answer.status !== 503) return answer;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  return { call, untilReady };
}
