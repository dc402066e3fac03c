import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevServer, type DevServer } from '../../scripts/devServer';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { freePort } from '../support/freePort';
import { expectClosedExactlyOnce, runApprovalCases } from './caseFlow';

describe('a restart of the file-backed Temporal dev server mid-flight', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'one-door-temporal-'));
  const dbFile = path.join(dir, 'temporal.db');
  let port: number;
  let server: DevServer;
  let api: ApiHarness;
  beforeAll(async () => {
    port = await freePort();
    server = await startDevServer({ port, dbFile });
    api = await startApiHarness({ temporalAddress: server.address });
  });
  afterAll(async () => {
    await api?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when the Temporal server restarts while cases flow, then every case continues and closes with each step on record once', async () => {
    const flowing = runApprovalCases(api, 24, 6);
    // Restart once a few cases have reached their workflows.
    await eventually(async () => {
      const { n } = await api.db.selectFrom('case_events').select(({ fn }) => fn.countAll().as('n')).where('type', '=', 'referral_sent').where('occurred_at', '>', new Date(Date.now() - 60_000)).executeTakeFirstOrThrow();
      expect(Number(n)).toBeGreaterThanOrEqual(6);
    }, 120_000);
    await server.stop();
    server = await startDevServer({ port, dbFile });
    const caseNos = await flowing;
    await eventually(() => expectClosedExactlyOnce(api, caseNos), 120_000);
  });
});
