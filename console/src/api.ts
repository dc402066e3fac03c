import type { z } from 'zod';
import type { CaseDetail, ClockSnapshot, IntakeReceipt, Me, OverdueItem, Township } from '../../api/schemas';
import type { InboxItem } from '../../api/workListSchemas';
import type { Lead } from '../../api/loopSchemas';
import { session } from './session';

/** Shapes the API answers (its own zod schemas, as types). */
export type MeView = z.output<typeof Me>;
export type TownshipView = z.output<typeof Township>;
export type Receipt = z.output<typeof IntakeReceipt> & { deadlines: { clock: string; dueAt: string; provisional: boolean }[] };
export type InboxEntry = z.output<typeof InboxItem>;
export type LeadView = z.output<typeof Lead>;
export type Clock = z.output<typeof ClockSnapshot>;
export type CaseView = z.output<typeof CaseDetail> & {
  clocks: Clock[];
  decision: { decision: 'approve' | 'reject'; decidedAt: string | null; late: boolean } | null;
};
export type OverdueEntry = z.output<typeof OverdueItem>;

export interface FieldProblem {
  path: string;
  message: string;
}

/** An answer other than 2xx, in the API's error shape: `code`, a bilingual `message` and field `details`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[],
  ) {
    super(message);
  }
}

const NETWORK_DOWN = '无法连接服务器，请检查网络后重试 (cannot reach the server; check the network and retry)';

/** Calls /api/v1 with the signed-in staff member's token; a refusal becomes an ApiError. */
async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${session.token() ?? ''}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK_DOWN, []);
  }
  if (res.ok) return res;
  if (res.status === 401 && path !== '/me') session.expired();
  const error = (await res.json().catch(() => null))?.error;
  throw new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${res.status}`, error?.details ?? []);
}

/** A JSON answer of /api/v1. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return (await (await call(method, path, body, headers)).json().catch(() => null)) as T;
}

/** A file the API answers (a CSV), as a Blob to save. */
export async function apiFile(path: string, accept: string): Promise<Blob> {
  return (await call('GET', path, undefined, { Accept: accept })).blob();
}

/** A key for Idempotency-Key: a retried submission opens the same case. (crypto.randomUUID needs HTTPS; this does not.) */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
