import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/freePort';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  /** The server's URL, without a database name. */
  serverUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of the test's own, in a temporary directory and on a free port, that the test may stop
 * and start (never the machine's shared server). initdb refuses root, so it runs as `postgres` when we are root.
 */
export async function throwawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'one-door-pg-'));
  const asOwner = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--']] as const : undefined;
  if (asOwner) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  const exec = (bin: string, args: string[]) => (asOwner ? run(asOwner[0], [...asOwner[1], path.join(BIN, bin), ...args]) : run(path.join(BIN, bin), args));
  const data = path.join(dir, 'data');
  const port = await freePort();
  await exec('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '--encoding=UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const cluster: ThrowawayPostgres = {
    serverUrl: `postgres://postgres@127.0.0.1:${port}`,
    start: async () => void (await exec('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start'])),
    stop: async () => void (await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])),
    destroy: async () => {
      await cluster.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
