import { HttpError } from './errors';

/** Node socket errors and PostgreSQL classes 08 (connection exception) and 57 (operator intervention: shutdown). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const isDatabaseDown = (code: unknown, message: string) =>
  (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^(08|57)/.test(code))) || /Connection terminated|connection timeout/i.test(message);

/**
 * The database being down, as the clear 503 a client retries later instead of a 500 (a retried intake with the
 * same Idempotency-Key finds its case if it was committed). Undefined for any other error.
 */
export function unavailable(err: unknown): HttpError | undefined {
  const { code, message = '' } = (err ?? {}) as { code?: unknown; message?: string };
  if (!isDatabaseDown(code, message)) return undefined;
  return new HttpError(503, 'database_unavailable', '数据库暂时不可用，请稍后重试（受理请使用相同的 Idempotency-Key）(the database is unavailable; retry shortly, an intake with the same Idempotency-Key)', [], { 'Retry-After': '5' });
}
