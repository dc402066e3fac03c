import { mkdirSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PostgreSQL without a server installed: PGlite (PostgreSQL compiled to WebAssembly, in the calling process;
 * `npm run dev` and `npm test` give it a process of its own, embeddedPostgresProcess.ts) reached over TCP on
 * 127.0.0.1 through pglite-socket, so that `pg` and kysely run unchanged. A PGlite holds one database and runs one
 * statement at a time; pglite-socket multiplexes client connections onto it, and the session lock below keeps each
 * connection's queries whole. Each database name a client asks for gets a PGlite of its own, so that database
 * URLs, `create database` and the tests' scratch databases behave as on a server. docs/running.md has the costs.
 */
export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>`: append `/<database>`. */
  serverUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** One sub-directory per database; in memory when absent. */
  dataDir?: string;
  /** On 127.0.0.1; a free port when absent or 0. */
  port?: number;
}

const SSL_REQUEST = 80877103;
const DATABASE_NAME = /^[A-Za-z0-9_]{1,63}$/;
/** Connections each database accepts at once (pools of the API, the worker and the tests together). */
const MAX_CONNECTIONS = 200;

interface Database {
  db: PGlite;
  server: PGLiteSocketServer;
  port: number;
  session: SessionLock;
}

/** The `database` of a StartupMessage (length, protocol 3.0, then name\0value\0 pairs); `user` when absent, as PostgreSQL does. */
function databaseOf(startup: Buffer): string {
  const fields = startup.subarray(8).toString('utf8').split('\0');
  const params = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i]) params.set(fields[i], fields[i + 1]);
  return params.get('database') ?? params.get('user') ?? 'postgres';
}

/** Splits a stream of protocol messages (type byte, then a length that counts itself) and hands each type and body on. */
function messageReader(onMessage: (type: number, body: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 5 && pending.length >= 1 + pending.readInt32BE(1)) {
      const end = 1 + pending.readInt32BE(1);
      onMessage(pending[0], pending.subarray(5, end));
      pending = pending.subarray(end);
    }
  };
}

/**
 * PGlite is one session. pglite-socket keeps a client's explicit transaction together, but it can interleave the
 * messages of two clients' extended-protocol queries (Parse, Bind, Execute … Sync), which breaks both. So the
 * session is lent to one client at a time: from its first message until PostgreSQL says it is ready for the next
 * query outside a transaction (ReadyForQuery, status I), with nothing of its own still unanswered.
 */
class SessionLock {
  private owner: object | undefined;
  private readonly waiting: { who: object; go: () => void }[] = [];

  acquire(who: object, go: () => void): void {
    if (this.owner === undefined || this.owner === who) {
      this.owner = who;
      go();
    } else this.waiting.push({ who, go });
  }

  release(who: object): void {
    const index = this.waiting.findIndex((w) => w.who === who);
    if (index >= 0) this.waiting.splice(index, 1);
    if (this.owner !== who) return;
    const next = this.waiting.shift();
    this.owner = next?.who;
    next?.go();
  }
}

const READY_FOR_QUERY = 0x5a; // 'Z'
/** Client messages each answered by one ReadyForQuery: Query, Sync, FunctionCall. */
const ANSWERED_BY_READY = new Set([0x51, 0x53, 0x46]);
const IDLE = 0x49; // 'I'

/** Joins a client (startup message already read) to its database's PGlite, holding the session lock while it talks. */
function join(client: Socket, startup: Buffer, { port, session }: Database): void {
  const backend = connect(port, '127.0.0.1').setNoDelay(true);
  client.setNoDelay(true);
  let unanswered = 1; // the startup message
  let held = false;
  let asking = false;
  const queue: Buffer[] = [startup];
  const send = () => {
    if (held) {
      if (queue.length > 0) backend.write(Buffer.concat(queue.splice(0)));
    } else if (!asking) {
      asking = true;
      session.acquire(client, () => {
        asking = false;
        held = true;
        send();
      });
    }
  };
  const fromClient = messageReader((type, body) => {
    const header = Buffer.alloc(5);
    header[0] = type;
    header.writeInt32BE(body.length + 4, 1);
    queue.push(Buffer.concat([header, body]));
    if (ANSWERED_BY_READY.has(type)) unanswered++;
    send();
  });
  const fromBackend = messageReader((type, body) => {
    if (type !== READY_FOR_QUERY) return;
    unanswered--;
    if (unanswered === 0 && body[0] === IDLE && queue.length === 0) {
      held = false;
      session.release(client);
    }
  });
  backend.on('data', (chunk: Buffer) => {
    fromBackend(chunk);
    client.write(chunk);
  });
  client.on('data', fromClient);
  send();
  const end = () => {
    session.release(client);
    client.destroy();
    backend.destroy();
  };
  backend.on('error', end).once('close', end);
  client.on('error', end).once('close', end);
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const databases = new Map<string, Promise<Database>>();
  const clients = new Set<Socket>();

  const open = (name: string): Promise<Database> => {
    let database = databases.get(name);
    if (!database) {
      database = (async () => {
        let dataDir = 'memory://';
        if (options.dataDir) {
          dataDir = path.join(options.dataDir, name);
          mkdirSync(dataDir, { recursive: true });
        }
        const db = await PGlite.create({ dataDir });
        const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
        await server.start();
        return { db, server, port: Number(server.getServerConn().split(':').at(-1)), session: new SessionLock() };
      })();
      databases.set(name, database);
    }
    return database;
  };

  /** Reads the startup message (answering "no SSL" first if asked), then joins the client to its database's PGlite. */
  const route = (client: Socket) => {
    clients.add(client);
    client.once('close', () => clients.delete(client));
    client.once('error', () => client.destroy());
    let pending: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (pending.length < 8 || pending.length < pending.readInt32BE(0)) return;
      const length = pending.readInt32BE(0);
      if (length === 8 && pending.readInt32BE(4) === SSL_REQUEST) {
        pending = pending.subarray(8);
        client.write('N');
        if (pending.length > 0) onData(Buffer.alloc(0));
        return;
      }
      client.off('data', onData);
      client.pause();
      const name = databaseOf(pending.subarray(0, length));
      if (!DATABASE_NAME.test(name)) return void client.destroy();
      const rest = pending.subarray(length);
      open(name).then(
        (database) => {
          join(client, pending.subarray(0, length), database);
          if (rest.length > 0) client.emit('data', rest);
          client.resume();
        },
        () => client.destroy(),
      );
    };
    client.on('data', onData);
  };

  const front = createServer(route);
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = front.address() as { port: number };
  return {
    serverUrl: `postgres://postgres@127.0.0.1:${port}`,
    async stop() {
      const closed = new Promise((resolve) => front.close(resolve));
      for (const client of clients) client.destroy();
      await closed;
      for (const database of databases.values()) {
        const { db, server } = await database;
        await server.stop();
        await db.close();
      }
    },
  };
}
