import { startDevServer, type DevServer } from '../../scripts/devServer';
import { prepareDatabase } from '../../scripts/migrate';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';
import { freePort } from '../support/freePort';
import { expectClosedExactlyOnce, runApprovalCase } from './caseFlow';
import { throwawayPostgres, type ThrowawayPostgres } from './throwawayPostgres';

const OUTAGE_MS = 30_000;

describe('a 30 s PostgreSQL outage (a throwaway cluster of the test’s own)', () => {
  let postgres: ThrowawayPostgres;
  let temporal: DevServer;
  let api: ApiHarness;
  beforeAll(async () => {
    postgres = await throwawayPostgres();
    const databaseUrl = `${postgres.serverUrl}/one_door_fault`;
    await prepareDatabase(databaseUrl);
    // A Temporal server of its own too: this database's case numbers start again at 1 (they would meet the run's
    // workflows of the same numbers, and rightly be refused as another case's).
    temporal = await startDevServer({ port: await freePort() });
    api = await startApiHarness({ databaseUrl, temporalAddress: temporal.address });
  });
  afterAll(async () => {
    await api?.stop();
    await temporal?.stop();
    await postgres?.destroy();
  });

  test('when PostgreSQL stops for 30 s while cases run, then the API answers 503 database_unavailable, activities retry, and every accepted intake closes', async () => {
    // Cases under way: opened, their clocks and referrals started, waiting for the department.
    const waiting = await Promise.all(
      Array.from({ length: 5 }, async () => (await api.as('window').post('/api/v1/cases').set('Idempotency-Key', `before-${Math.random()}`).send(buildIntake({ needs: ['temporary_expense'] })).expect(201)).body.caseNo as string),
    );
    await postgres.stop();
    try {
      const refused = await api.as('window').post('/api/v1/cases').set('Idempotency-Key', 'during-outage').send(buildIntake({ needs: ['dibao'] }));
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('database_unavailable');
      expect(refused.headers['retry-after']).toBeDefined();
      // Cases keep flowing through the outage as clients retry them; they close once the database is back.
      const flowing = Promise.all(Array.from({ length: 3 }, () => runApprovalCase(api)));
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await postgres.start();
      const during = await flowing;
      const resumed = await Promise.all(
        waiting.map(async (caseNo) => {
          await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${caseNo}-civil_affairs/complete`).send({ outcome: 'granted' }).expect(200), 120_000);
          await api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision: 'approve', reason: '符合条件' }).expect(200);
          return caseNo;
        }),
      );
      await eventually(() => expectClosedExactlyOnce(api, [...resumed, ...during]), 120_000);
    } finally {
      await postgres.start().catch(() => undefined);
    }
  });
});
