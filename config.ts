import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';
import type { KeyRingSettings } from './db/keyRing';
import { temporalTls } from './temporalTls';

/** Where `npm run dev` and `npm test` look for a PostgreSQL server when none is configured. */
export const DEFAULT_LOCAL_POSTGRES = '127.0.0.1:5432';

/** Runtime settings, read once from the environment. Everything but the production keys has a local-development default. */
const EnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  /** Unset: a local server on LOCAL_POSTGRES_ADDRESS (database one_door), or else `npm run dev` embeds one (PGlite). */
  DATABASE_URL: z.string().optional(),
  LOCAL_POSTGRES_ADDRESS: z.string().regex(/^[^:/]+:\d+$/, 'host:port').default(DEFAULT_LOCAL_POSTGRES),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('one-door'),
  /** PEM files of the client's TLS to Temporal (mutual TLS in the compose stack); see temporalTls.ts. */
  TEMPORAL_TLS_CA: z.string().optional(),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  /** Where staff's browsers reach the Temporal Web UI (the console links there); default http://localhost:<TEMPORAL_UI_PORT>. */
  TEMPORAL_UI_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Lifetime of a staff bearer token issued without an explicit one. */
  TOKEN_LIFETIME_DAYS: z.coerce.number().positive().max(366).default(30),
  /** Requests per minute and client address (a township office shares one address: keep it generous). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** How many reverse proxies stand in front of the API (express `trust proxy`); 0 when it is exposed directly. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The address the API listens on: loopback unless production (the container's published port needs every address). */
  LISTEN_HOST: z.string().optional(),
  /** How long an API call waits on a workflow before it answers 504. */
  WORKFLOW_ANSWER_SECONDS: z.coerce.number().positive().max(120).default(10),
  /** Encryption keys of personal data: `k1:<base64 of 32 bytes>,k2:<…>`; the active one encrypts, all decrypt. */
  PII_KEYS: z.string().optional(),
  PII_ACTIVE_KEY: z.string().optional(),
  /** HMAC key of the blind index used to look people up by ID number (base64 of 32 bytes). */
  PII_INDEX_KEY: z.string().optional(),
  /** Keys of the Temporal payload codec, in the same form as PII_KEYS; the personal-data keys when unset. */
  TEMPORAL_PAYLOAD_KEYS: z.string().optional(),
  TEMPORAL_PAYLOAD_ACTIVE_KEY: z.string().optional(),
  /** Origins (comma-separated) of the Temporal Web UI allowed to call the codec endpoint; the dev UI's by default. */
  TEMPORAL_UI_ORIGINS: z.string().optional(),
  /** Bearer token of the Prometheus scraper for `GET /metrics`; unset: only loopback may read it. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Where the worker serves the Temporal SDK's Prometheus metrics (`host:port`); `off` disables them. */
  WORKER_METRICS_ADDRESS: z.string().default('127.0.0.1:9464'),
  /** Seconds a stopping worker lets running activities finish (SIGTERM), and the API its requests. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().max(600).default(20),
});

export interface PiiKeySettings extends KeyRingSettings {
  indexKey: Buffer;
}

export interface Config {
  databaseUrl: string;
  /** False when DATABASE_URL is unset and `databaseUrl` is the local default (`npm run dev` may embed one instead). */
  databaseUrlGiven: boolean;
  localPostgresAddress: string;
  temporal: { address: string; namespace: string; taskQueue: string; uiPort: number; uiUrl: string; tls?: TLSConfig };
  port: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  tokenLifetimeDays: number;
  rateLimitPerMinute: number;
  trustProxyHops: number;
  listenHost: string;
  workflowAnswerMs: number;
  pii: PiiKeySettings;
  /** Keys of the Temporal payload codec (temporal/payloadCodec.ts). */
  payloadKeys: KeyRingSettings;
  /** Browser origins of the Temporal Web UI that may call the codec endpoint. */
  temporalUiOrigins: string[];
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

/** Parses a key ring (`k1:<key>,k2:<key>` and the active id) from the variables named `keysVar` and `activeVar`. */
export function parseKeyRing(keys: string, activeKeyId: string | undefined, [keysVar, activeVar]: [string, string]): KeyRingSettings {
  const parsed: Record<string, Buffer> = {};
  for (const entry of keys.split(',').map((e) => e.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    if (colon < 1 || !KEY_ID.test(id)) throw new Error(`${keysVar}: "${id || entry.slice(0, 8)}…" is not <key id>:<base64 key> (key id: letters, digits, _ or -)`);
    if (parsed[id]) throw new Error(`${keysVar}: key id ${id} appears twice`);
    parsed[id] = key32(entry.slice(colon + 1), `${keysVar} key ${id}`);
  }
  const ids = Object.keys(parsed);
  if (ids.length === 0) throw new Error(`${keysVar} holds no key`);
  const active = activeKeyId ?? (ids.length === 1 ? ids[0] : undefined);
  if (!active) throw new Error(`${activeVar} must name one of the ${keysVar} when there are several`);
  if (!parsed[active]) throw new Error(`${activeVar} ${active} is not among the ${keysVar} (${ids.join(', ')})`);
  return { keys: parsed, activeKeyId: active };
}

/** Parses `PII_KEYS`, `PII_ACTIVE_KEY` and `PII_INDEX_KEY`; throws naming what is wrong. */
export function parsePiiKeys(keys: string, activeKeyId: string | undefined, indexKey: string): PiiKeySettings {
  return { ...parseKeyRing(keys, activeKeyId, ['PII_KEYS', 'PII_ACTIVE_KEY']), indexKey: key32(indexKey, 'PII_INDEX_KEY') };
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

/** The payload codec's own keys, or the personal-data key ring (same rotation either way). */
function payloadKeys(e: z.infer<typeof EnvSchema>, pii: PiiKeySettings): KeyRingSettings {
  if (e.TEMPORAL_PAYLOAD_KEYS) return parseKeyRing(e.TEMPORAL_PAYLOAD_KEYS, e.TEMPORAL_PAYLOAD_ACTIVE_KEY || undefined, ['TEMPORAL_PAYLOAD_KEYS', 'TEMPORAL_PAYLOAD_ACTIVE_KEY']);
  if (e.TEMPORAL_PAYLOAD_ACTIVE_KEY) throw new Error('TEMPORAL_PAYLOAD_ACTIVE_KEY is set without TEMPORAL_PAYLOAD_KEYS');
  return { keys: pii.keys, activeKeyId: pii.activeKeyId };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = EnvSchema.parse(env);
  const pii = piiKeys(e);
  const uiOrigins = e.TEMPORAL_UI_ORIGINS ?? `http://localhost:${e.TEMPORAL_UI_PORT},http://127.0.0.1:${e.TEMPORAL_UI_PORT}`;
  return {
    databaseUrl: e.DATABASE_URL ?? `postgres://postgres@${e.LOCAL_POSTGRES_ADDRESS}/one_door`,
    databaseUrlGiven: e.DATABASE_URL !== undefined,
    localPostgresAddress: e.LOCAL_POSTGRES_ADDRESS,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiPort: e.TEMPORAL_UI_PORT,
      uiUrl: e.TEMPORAL_UI_URL ?? `http://localhost:${e.TEMPORAL_UI_PORT}`,
      tls: temporalTls({ ca: e.TEMPORAL_TLS_CA, cert: e.TEMPORAL_TLS_CERT, key: e.TEMPORAL_TLS_KEY, serverName: e.TEMPORAL_TLS_SERVER_NAME }),
    },
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    tokenLifetimeDays: e.TOKEN_LIFETIME_DAYS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    listenHost: e.LISTEN_HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    workflowAnswerMs: e.WORKFLOW_ANSWER_SECONDS * 1000,
    pii,
    payloadKeys: payloadKeys(e, pii),
    temporalUiOrigins: uiOrigins.split(',').map((o) => o.trim()).filter(Boolean),
    metricsToken: e.METRICS_TOKEN,
    workerMetricsAddress: e.WORKER_METRICS_ADDRESS === 'off' ? undefined : e.WORKER_METRICS_ADDRESS,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
  };
}
