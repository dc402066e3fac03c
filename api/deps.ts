import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { PersonalDataCipher } from '../db/personalData';
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
}
