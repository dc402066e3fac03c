import pg from 'pg';
import type { EmbeddedPostgres } from '../../db/embeddedPostgres';
import { startEmbeddedPostgresProcess } from '../../db/embeddedPostgresProcess';

/**
 * The embedded PostgreSQL (PGlite behind pglite-socket and the session lock) as `pg` clients see it; in its own
 * process, as npm run dev and npm test start it (PGlite cannot load inside jest's module sandbox anyway).
 */
describe('embedded PostgreSQL', () => {
  let server: EmbeddedPostgres;
  const clients: pg.Client[] = [];
  const connect = async (database: string) => {
    const client = new pg.Client({ connectionString: `${server.serverUrl}/${database}` });
    client.on('error', () => {}); // a client the test destroys on purpose
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startEmbeddedPostgresProcess();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await server.stop();
  });

  test('when eight connections run parameterised queries at once, then every answer is its own (no interleaved Parse/Bind/Execute)', async () => {
    const connections = await Promise.all(Array.from({ length: 8 }, () => connect('one_door')));
    await connections[0].query('create table t (id int primary key, v text not null)');
    await Promise.all(
      connections.map(async (client, c) => {
        for (let i = 0; i < 25; i++) {
          const id = c * 100 + i;
          await client.query('insert into t (id, v) values ($1, $2)', [id, `c${c}-${i}`]);
          const { rows } = await client.query('select v from t where id = $1', [id]);
          expect(rows).toEqual([{ v: `c${c}-${i}` }]);
        }
      }),
    );
    const { rows } = await connections[0].query('select count(*)::int as n from t');
    expect(rows[0].n).toBe(200);
  });

  test('when a connection holds a transaction open, then another sees none of it and waits for its end to write', async () => {
    const [a, b] = [await connect('one_door'), await connect('one_door')];
    await a.query('create table ledger (n int)');
    await a.query('begin');
    await a.query('insert into ledger values ($1)', [1]);
    const order: string[] = [];
    const other = b.query('insert into ledger values ($1)', [2]).then(() => order.push('b wrote'));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('a commits');
    await a.query('commit');
    await other;
    expect(order).toEqual(['a commits', 'b wrote']);
    const { rows } = await b.query('select n from ledger order by n');
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
  });

  test('when a connection drops inside a transaction, then its writes are rolled back and the others go on', async () => {
    const [a, b] = [await connect('one_door'), await connect('one_door')];
    await a.query('create table kept (n int)');
    await a.query('begin');
    await a.query('insert into kept values ($1)', [1]);
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await b.query('insert into kept values ($1)', [2]);
    const { rows } = await b.query('select n from kept');
    expect(rows).toEqual([{ n: 2 }]);
  });

  test('when clients name different databases, then each has its own tables', async () => {
    const [first, second] = [await connect('one_door'), await connect('another_db')];
    await first.query('create table only_here (n int)');
    await expect(second.query('select * from only_here')).rejects.toThrow(/does not exist/);
    const { rows } = await second.query('select current_database() as name');
    expect(rows[0].name).toBe('postgres'); // PGlite's own name; the routing is by the name the client asked for
  });
});
