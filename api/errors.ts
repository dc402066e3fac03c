import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { unavailable } from './unavailable';

/** Every validation message in zh-CN with the English alongside: 无效输入：期望 string (Invalid input: expected string). */
const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;
const text = (m: ReturnType<typeof zh>) => (typeof m === 'string' ? m : (m?.message ?? ''));
z.config({ localeError: (issue) => `${text(zh(issue))} (${text(en(issue))})` });

export interface ErrorDetail {
  path: string;
  message: string;
  /** The case the detail is about (e.g. the open case a duplicate intake repeats). */
  caseNo?: string;
}

/** An answer other than success, with a stable `code` for clients and a bilingual message for people. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalid = (details: ErrorDetail[]) => new HttpError(400, 'invalid_request', '请求参数无效 (invalid request)', details);
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what}不存在 (${what} not found)`);
export const unauthenticated = (message = '需要有效的访问令牌 (a valid bearer token is required)') =>
  new HttpError(401, 'unauthenticated', message, [], { 'WWW-Authenticate': 'Bearer realm="one-door"' });
export const forbidden = (message = '当前角色无权执行此操作 (your role may not do this)', details: ErrorDetail[] = []) => new HttpError(403, 'forbidden', message, details);

function pathOf(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Parses `value` with `schema`, or throws a 400 naming every invalid field (prefixed by `where`, e.g. `query`). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalid(result.error.issues.map((issue) => ({ path: pathOf(where ? [where, ...issue.path] : issue.path), message: issue.message })));
}

const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'malformed_json', '请求体不是有效的 JSON (the body is not valid JSON)'],
  'entity.too.large': [413, 'payload_too_large', '请求体过大 (the body is too large)'],
  'encoding.unsupported': [415, 'unsupported_encoding', '不支持的内容编码 (unsupported content encoding)'],
  'charset.unsupported': [415, 'unsupported_charset', '不支持的字符集 (unsupported charset)'],
};

export const notFoundRoute: RequestHandler = (req, _res, next) => next(notFound(`路径 ${req.path}`));

/** Other client errors raised by express and its parsers (e.g. an undecodable path parameter). */
function clientError(err: unknown): HttpError | undefined {
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return new HttpError(status, 'bad_request', '请求无效 (bad request)');
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const parserError = typeof err?.type === 'string' ? BODY_PARSER_ERRORS[err.type] : undefined;
  const known = err instanceof HttpError ? err : parserError ? new HttpError(...parserError) : (clientError(err) ?? unavailable(err));
  if (!known) req.log?.error({ err }, 'unhandled error');
  const answer = known ?? new HttpError(500, 'internal_error', '服务器内部错误 (internal error)');
  if (res.headersSent) return void res.end();
  res.set(answer.headers);
  res.status(answer.status).json({ error: { code: answer.code, message: answer.message, details: answer.details } });
};
