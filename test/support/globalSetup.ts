import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../worker/worker';
import { connectDatabase, ensureDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { seed } from '../../db/seed';
import { startDevServer } from '../../scripts/devServer';
import { freePort } from './freePort';
import { TEST_PII_ENV } from './piiKeys';

/**
 * Real infrastructure, started once per run: a fresh PostgreSQL database (migrated and seeded), a Temporal dev
 * server, and the workflow bundle. Tests find them through TEST_* environment variables.
 */
export default async function globalSetup(): Promise<void> {
  // Fixed test keys (two, so that rotation can be tested; k1 active), set before anything loads the config.
  // The test workers inherit this environment.
  Object.assign(process.env, TEST_PII_ENV);
  const server = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const databaseUrl = `${server}/one_door_test_${Date.now()}_${process.pid}`;
  await ensureDatabase(databaseUrl);
  const db = connectDatabase(databaseUrl);
  await migrateToLatest(db);
  await seed(db);
  await db.destroy();

  const [devServer, bundle] = await Promise.all([
    startDevServer({ port: await freePort() }),
    bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } }),
  ]);
  const bundlePath = path.join(mkdtempSync(path.join(tmpdir(), 'one-door-')), 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env.TEST_DATABASE_URL = databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = devServer.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  (globalThis as Record<string, unknown>).__oneDoor = { devServer, databaseUrl };
}
