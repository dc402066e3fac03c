import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { DEFAULT_LOCAL_POSTGRES } from '../../config';
import { startEmbeddedPostgres } from '../../db/embeddedPostgres';
import { answers } from '../../db/postgresServer';

/**
 * `npx tsx scripts/bench/embeddedPostgres.ts [-- <transactions per client>]`: what reaching PGlite over TCP costs.
 * The same small transaction (begin; insert; select by key; commit, with parameters: the extended protocol) is
 * run by 1 and by 8 concurrent clients against
 *   - PGlite called in process (no socket; one client only: it is one session),
 *   - pglite-socket alone (1 client only: with several, it interleaves their extended-protocol messages),
 *   - the embedded server of db/embeddedPostgres.ts (pglite-socket behind the session lock),
 *   - the PostgreSQL server on 127.0.0.1:5432, when one answers.
 * Prints transactions per second and latency percentiles. In memory, on loopback, bounded in count.
 */
const [perClient = 300] = process.argv.slice(2).map(Number);
const SCHEMA = 'create table if not exists bench (id serial primary key, note text not null)';

interface Runner {
  transaction(note: string): Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label: string, clients: Runner[]): Promise<void> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        await client.transaction(`client ${c} row ${i}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(58)} ${String(clients.length).padStart(2)} client(s)  ${(latencies.length / seconds).toFixed(0).padStart(6)} tx/s   p50 ${percentile(latencies, 50).toFixed(2).padStart(6)} ms   p95 ${percentile(latencies, 95).toFixed(2).padStart(6)} ms`,
  );
}

function inProcess(db: PGlite): Runner {
  return {
    transaction: (note) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: number }>('insert into bench (note) values ($1) returning id', [note]);
        await tx.query('select note from bench where id = $1', [rows[0].id]);
      }),
  };
}

async function overTcp(url: string, count: number): Promise<{ runners: Runner[]; end(): Promise<void> }> {
  const clients = await Promise.all(
    Array.from({ length: count }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  await clients[0].query(SCHEMA);
  const runners = clients.map((client) => ({
    async transaction(note: string) {
      await client.query('begin');
      const { rows } = await client.query<{ id: number }>('insert into bench (note) values ($1) returning id', [note]);
      await client.query('select note from bench where id = $1', [rows[0].id]);
      await client.query('commit');
    },
  }));
  return { runners, end: async () => void (await Promise.all(clients.map((c) => c.end()))) };
}

async function main(): Promise<void> {
  console.log(`${perClient} transactions per client (begin; insert … returning; select by key; commit)\n`);

  const direct = await PGlite.create({ dataDir: 'memory://' });
  await direct.exec(SCHEMA);
  await measure('PGlite in process (no socket)', [inProcess(direct)]);

  const socket = new PGLiteSocketServer({ db: direct, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await socket.start();
  const alone = await overTcp(`postgres://postgres@${socket.getServerConn()}/postgres`, 1);
  await measure('pglite-socket alone', alone.runners);
  await alone.end();
  await socket.stop();
  await direct.close();

  const embedded = await startEmbeddedPostgres();
  for (const count of [1, 8]) {
    const run = await overTcp(`${embedded.serverUrl}/bench_${count}`, count);
    await measure('embedded (pglite-socket behind the session lock)', run.runners);
    await run.end();
  }
  await embedded.stop();

  if (await answers(DEFAULT_LOCAL_POSTGRES)) {
    const admin = new pg.Client({ connectionString: `postgres://postgres@${DEFAULT_LOCAL_POSTGRES}/postgres` });
    await admin.connect();
    const name = `one_door_bench_${process.pid}`;
    await admin.query(`create database ${name}`);
    try {
      for (const count of [1, 8]) {
        const run = await overTcp(`postgres://postgres@${DEFAULT_LOCAL_POSTGRES}/${name}`, count);
        await measure(`PostgreSQL server on ${DEFAULT_LOCAL_POSTGRES}`, run.runners);
        await run.end();
      }
    } finally {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
