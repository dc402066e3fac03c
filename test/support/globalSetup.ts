import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DEFAULT_LOCAL_POSTGRES } from '../../config';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../worker/worker';
import { connectDatabase, ensureDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { localOrEmbeddedPostgres, type PostgresServer } from '../../db/postgresServer';
import { seed } from '../../db/seed';
import { buildConsole } from '../../scripts/buildConsole';
import { startDevServer } from '../../scripts/devServer';
import { freePort } from './freePort';
import { TEST_PII_ENV } from './piiKeys';

/**
 * Real infrastructure, started once per run: a fresh PostgreSQL database (migrated and seeded), a Temporal dev
 * server, and the workflow bundle. Tests find them through TEST_* environment variables.
 * The database server: TEST_POSTGRES_URL; else the one on LOCAL_POSTGRES_ADDRESS (127.0.0.1:5432) when it answers;
 * else an embedded PostgreSQL (PGlite, in memory).
 */
export default async function globalSetup(): Promise<void> {
  // Fixed test keys (two, so that rotation can be tested; k1 active), set before anything loads the config.
  // The test workers inherit this environment.
  Object.assign(process.env, TEST_PII_ENV);
  const postgres: PostgresServer = process.env.TEST_POSTGRES_URL
    ? { serverUrl: process.env.TEST_POSTGRES_URL, embedded: false, stop: async () => {} }
    : await localOrEmbeddedPostgres(process.env.LOCAL_POSTGRES_ADDRESS || DEFAULT_LOCAL_POSTGRES);
  if (postgres.embedded) console.log(`\nno PostgreSQL answers on ${process.env.LOCAL_POSTGRES_ADDRESS || DEFAULT_LOCAL_POSTGRES}: the tests use an embedded one (PGlite)`);
  const databaseUrl = `${postgres.serverUrl}/one_door_test_${Date.now()}_${process.pid}`;
  await ensureDatabase(databaseUrl);
  const db = connectDatabase(databaseUrl);
  await migrateToLatest(db);
  await seed(db);
  await db.destroy();

  const [devServer, bundle] = await Promise.all([
    startDevServer({ port: await freePort() }),
    bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } }),
    // The staff console's assets, which the API serves (the browser tests load them).
    buildConsole(),
  ]);
  const bundlePath = path.join(mkdtempSync(path.join(tmpdir(), 'one-door-')), 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env.TEST_DATABASE_URL = databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = devServer.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  (globalThis as Record<string, unknown>).__oneDoor = { devServer, databaseUrl, postgres };
}
