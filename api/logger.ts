import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs with personal data kept out. Requests are logged with an allow-list of headers (never
 * Authorization or cookies), their URL scrubbed of anything shaped like an ID number, a phone number or
 * percent-encoded non-ASCII text (a name); bodies are never logged. Redaction is the second line: any
 * `name`, `idNumber`, `phone`, … a log call might carry is censored.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'name',
  'idNumber',
  'id_number',
  'phone',
  'applicant',
  'members',
  'narrative',
  'note',
  '*.name',
  '*.idNumber',
  '*.id_number',
  '*.phone',
  '*.applicant',
  '*.members',
  '*.narrative',
  '*.note',
  '*.*.name',
  '*.*.idNumber',
  '*.*.id_number',
  '*.*.phone',
];

const LOGGED_HEADERS = ['content-type', 'content-length', 'user-agent', 'x-request-id', 'idempotency-key', 'x-forwarded-for'];

const ID_NUMBER_LIKE = /\d{17}[\dXx]/g;
const PHONE_LIKE = /(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)/g;
const ENCODED_TEXT = /(?:%[89A-Fa-f][0-9A-Fa-f])+/g;
const TOKEN_LIKE = /((?:access_token|token|api_key|apikey|bearer|authorization)=)[^&#]*|odt_[A-Za-z0-9_%-]+/gi;

/** A string with whatever looks like personal data, or a token, replaced. */
export function scrub(text: string): string {
  return text.replace(TOKEN_LIKE, (_m, param?: string) => `${param ?? ''}[redacted]`).replace(ID_NUMBER_LIKE, '[redacted]').replace(PHONE_LIKE, '[redacted]').replace(ENCODED_TEXT, '[redacted]');
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
  headers?: Record<string, unknown>;
}

/** What of a request is logged (pino-http hands it the standard serialisation). */
export const requestSerializer = (req: SerializedRequest) => ({
  id: req.id,
  method: req.method,
  url: typeof req.url === 'string' ? scrub(req.url) : req.url,
  remoteAddress: req.remoteAddress,
  headers: Object.fromEntries(LOGGED_HEADERS.filter((h) => req.headers?.[h] !== undefined).map((h) => [h, scrub(String(req.headers![h])).slice(0, 200)])),
});

const serializers = { req: requestSerializer };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, serializers, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
