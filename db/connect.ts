import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

// Calendar dates stay 'YYYY-MM-DD' strings: parsing them into Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigserial ids are returned as strings by default; keep that (they may exceed 2^53).

export function connectDatabase(databaseUrl: string, max = 10): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  // A connection lost (PostgreSQL restarted, a failover) is dropped and replaced by the pool. Its 'error' event
  // goes to the pool while the connection is idle, but to the connection itself while a query holds it, and
  // without a listener either would end the process (a 30 s outage did, in test/faults/postgresOutage.fault.ts).
  // The queries in flight fail all the same, and are answered 503 or retried as activities.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Runs `work` on a connection to the server's `postgres` database, given the name of the database in the URL. */
async function onServer(databaseUrl: string, work: (client: pg.Client, name: string) => Promise<unknown>): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await work(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `databaseUrl` when it does not exist yet. */
export function ensureDatabase(databaseUrl: string): Promise<void> {
  return onServer(databaseUrl, async (client, name) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  });
}

export function dropDatabase(databaseUrl: string): Promise<void> {
  return onServer(databaseUrl, (client, name) => client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));
}
