import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Runtime settings, read once from the environment. Everything but the production keys has a local-development default. */
const EnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/one_door'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('one-door'),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Lifetime of a staff bearer token issued without an explicit one. */
  TOKEN_LIFETIME_DAYS: z.coerce.number().positive().max(366).default(30),
  /** Requests per minute and client address (a township office shares one address: keep it generous). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** How many reverse proxies stand in front of the API (express `trust proxy`); 0 when it is exposed directly. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
  /** Encryption keys of personal data: `k1:<base64 of 32 bytes>,k2:<…>`; the active one encrypts, all decrypt. */
  PII_KEYS: z.string().optional(),
  PII_ACTIVE_KEY: z.string().optional(),
  /** HMAC key of the blind index used to look people up by ID number (base64 of 32 bytes). */
  PII_INDEX_KEY: z.string().optional(),
  /** Bearer token of the Prometheus scraper for `GET /metrics`; unset: only loopback may read it. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Where the worker serves the Temporal SDK's Prometheus metrics (`host:port`); `off` disables them. */
  WORKER_METRICS_ADDRESS: z.string().default('127.0.0.1:9464'),
  /** Seconds a stopping worker lets running activities finish (SIGTERM), and the API its requests. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().max(600).default(20),
});

export interface PiiKeySettings {
  /** key id → 32-byte key */
  keys: Record<string, Buffer>;
  activeKeyId: string;
  indexKey: Buffer;
}

export interface Config {
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string; uiPort: number };
  port: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  tokenLifetimeDays: number;
  rateLimitPerMinute: number;
  trustProxyHops: number;
  pii: PiiKeySettings;
  metricsToken?: string;
  workerMetricsAddress?: string;
  shutdownGraceSeconds: number;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function key32(value: string, what: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${what} must be the base64 of exactly 32 bytes`);
  return key;
}

/** Parses `PII_KEYS`, `PII_ACTIVE_KEY` and `PII_INDEX_KEY`; throws naming what is wrong. */
export function parsePiiKeys(keys: string, activeKeyId: string | undefined, indexKey: string): PiiKeySettings {
  const parsed: Record<string, Buffer> = {};
  for (const entry of keys.split(',').map((e) => e.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    if (colon < 1 || !KEY_ID.test(id)) throw new Error(`PII_KEYS: "${id || entry.slice(0, 8)}…" is not <key id>:<base64 key> (key id: letters, digits, _ or -)`);
    if (parsed[id]) throw new Error(`PII_KEYS: key id ${id} appears twice`);
    parsed[id] = key32(entry.slice(colon + 1), `PII_KEYS key ${id}`);
  }
  const ids = Object.keys(parsed);
  if (ids.length === 0) throw new Error('PII_KEYS holds no key');
  const active = activeKeyId ?? (ids.length === 1 ? ids[0] : undefined);
  if (!active) throw new Error('PII_ACTIVE_KEY must name one of the PII_KEYS when there are several');
  if (!parsed[active]) throw new Error(`PII_ACTIVE_KEY ${active} is not among the PII_KEYS (${ids.join(', ')})`);
  return { keys: parsed, activeKeyId: active, indexKey: key32(indexKey, 'PII_INDEX_KEY') };
}

/**
 * Development keys, generated once into `.data/dev-keys.json` (git-ignored) so that a developer's data stays
 * readable across restarts. Never used when NODE_ENV=production: there the keys must come from the environment.
 */
function developmentKeys(): { PII_KEYS: string; PII_ACTIVE_KEY: string; PII_INDEX_KEY: string } {
  const file = path.resolve(__dirname, __dirname.endsWith(`${path.sep}dist`) ? '..' : '.', '.data', 'dev-keys.json');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const keys = { PII_KEYS: `dev1:${randomBytes(32).toString('base64')}`, PII_ACTIVE_KEY: 'dev1', PII_INDEX_KEY: randomBytes(32).toString('base64') };
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

function piiKeys(e: z.infer<typeof EnvSchema>): PiiKeySettings {
  if (e.PII_KEYS && e.PII_INDEX_KEY) return parsePiiKeys(e.PII_KEYS, e.PII_ACTIVE_KEY || undefined, e.PII_INDEX_KEY);
  if (e.PII_KEYS || e.PII_INDEX_KEY) throw new Error('set both PII_KEYS and PII_INDEX_KEY, or neither (development keys)');
  if (e.NODE_ENV === 'production') throw new Error('PII_KEYS and PII_INDEX_KEY are required in production (see README, "Security model")');
  const dev = developmentKeys();
  return parsePiiKeys(dev.PII_KEYS, dev.PII_ACTIVE_KEY, dev.PII_INDEX_KEY);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = EnvSchema.parse(env);
  return {
    databaseUrl: e.DATABASE_URL,
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE, uiPort: e.TEMPORAL_UI_PORT },
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    tokenLifetimeDays: e.TOKEN_LIFETIME_DAYS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    pii: piiKeys(e),
    metricsToken: e.METRICS_TOKEN,
    workerMetricsAddress: e.WORKER_METRICS_ADDRESS === 'off' ? undefined : e.WORKER_METRICS_ADDRESS,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
  };
}
