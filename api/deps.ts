import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { PersonalDataCipher } from '../db/personalData';
import type { Database } from '../db/schema';

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
    metricsToken: config.metricsToken,
  };
}
