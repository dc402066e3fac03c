import { createServer, type Server } from 'node:net';
import { loadConfig } from '../../config';
import { answers, localOrEmbeddedPostgres } from '../../db/postgresServer';
import { freePort } from '../support/freePort';
import { TEST_PII_ENV } from '../support/piiKeys';

/** Which PostgreSQL `npm run dev` and `npm test` use when DATABASE_URL is unset. */
describe('choosing the database', () => {
  const configOf = (env: Record<string, string>) => loadConfig({ ...TEST_PII_ENV, ...env });

  test('when DATABASE_URL is unset, then the URL is one_door on the local address and marked as not given', () => {
    expect(configOf({})).toMatchObject({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/one_door', databaseUrlGiven: false, localPostgresAddress: '127.0.0.1:5432' });
    expect(configOf({ LOCAL_POSTGRES_ADDRESS: '127.0.0.1:6543' })).toMatchObject({ databaseUrl: 'postgres://postgres@127.0.0.1:6543/one_door', databaseUrlGiven: false });
  });

  test('when DATABASE_URL is set, then it is used as given', () => {
    expect(configOf({ DATABASE_URL: 'postgres://app@db:5432/x' })).toMatchObject({ databaseUrl: 'postgres://app@db:5432/x', databaseUrlGiven: true });
  });

  test('when LOCAL_POSTGRES_ADDRESS is not host:port, then loading the configuration fails naming it', () => {
    expect(() => configOf({ LOCAL_POSTGRES_ADDRESS: 'postgres://127.0.0.1' })).toThrow(/LOCAL_POSTGRES_ADDRESS/);
  });

  describe('with something listening on a port', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    test('when a server answers on the local address, then it is used and nothing is embedded', async () => {
      expect(await answers(`127.0.0.1:${port}`)).toBe(true);
      const chosen = await localOrEmbeddedPostgres(`127.0.0.1:${port}`);
      expect(chosen).toMatchObject({ serverUrl: `postgres://postgres@127.0.0.1:${port}`, embedded: false });
    });
  });

  test('when nothing listens on the local address, then the probe reports no answer (and npm run dev, npm test embed one)', async () => {
    expect(await answers(`127.0.0.1:${await freePort()}`)).toBe(false);
  });
});
