import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { PersonalDataCipher } from '../db/personalData';
import type { Database } from '../db/schema';
import { PayloadCipherCodec } from '../temporal/payloadCodec';
import type { ConsoleSettings } from './console';

/** What the HTTP API needs from the outside world. */
export interface ApiDeps {
  db: Kysely<Database>;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  /** Encrypts and decrypts personal data (names, ID numbers, phones, free text). */
  pii: PersonalDataCipher;
  /** Requests per minute per client address (express-rate-limit). */
  rateLimitPerMinute: number;
  /** Reverse proxies in front of the API (express `trust proxy`), so that the client address is the real one. */
  trustProxyHops: number;
  /** How long a call waits on a workflow (an Update, a start, a signal) before it answers 504. */
  workflowAnswerMs: number;
  /** The Temporal payload codec, for the Web UI's codec endpoint. */
  payloadCodec: PayloadCodec;
  /** Browser origins of the Temporal Web UI (CORS of the codec endpoint). */
  temporalUiOrigins: readonly string[];
  /** The staff console's links (Temporal Web UI); default http://localhost:8233, namespace default. */
  console?: ConsoleSettings;
  /** Bearer token a Prometheus scraper sends to read `GET /metrics`; without it only loopback may read it. */
  metricsToken?: string;
}

/** The API's dependencies with the settings of `config`: shared by the API entry point and the dev launcher. */
export function apiDepsFromConfig(config: Config, parts: Pick<ApiDeps, 'db' | 'temporal' | 'logger'>): ApiDeps {
  return {
    ...parts,
    taskQueue: config.temporal.taskQueue,
    pii: new PersonalDataCipher(config.pii),
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxyHops: config.trustProxyHops,
    workflowAnswerMs: config.workflowAnswerMs,
    payloadCodec: new PayloadCipherCodec(config.payloadKeys),
    temporalUiOrigins: config.temporalUiOrigins,
    console: { temporalUiUrl: config.temporal.uiUrl, temporalNamespace: config.temporal.namespace },
    metricsToken: config.metricsToken,
  };
}
