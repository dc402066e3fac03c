import { connect } from 'node:net';
import { startEmbeddedPostgresProcess } from './embeddedPostgresProcess';

export interface PostgresServer {
  /** `postgres://postgres@host:port`: append `/<database>`. */
  serverUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** True when something accepts a TCP connection at `host:port` within `timeoutMs`. */
export function answers(address: string, timeoutMs = 1000): Promise<boolean> {
  const colon = address.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect({ host: address.slice(0, colon), port: Number(address.slice(colon + 1)), timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/**
 * The PostgreSQL server on `localAddress` (user postgres, trust authentication) when one answers there, else an
 * embedded PostgreSQL (PGlite, in a child process) with its databases under `embeddedDataDir` (in memory when absent).
 */
export async function localOrEmbeddedPostgres(localAddress: string, embeddedDataDir?: string): Promise<PostgresServer> {
  if (await answers(localAddress)) return { serverUrl: `postgres://postgres@${localAddress}`, embedded: false, stop: async () => {} };
  const embedded = await startEmbeddedPostgresProcess(embeddedDataDir);
  return { serverUrl: embedded.serverUrl, embedded: true, stop: () => embedded.stop() };
}
