import type { Server } from 'node:http';

/**
 * Stops an HTTP server gracefully: it takes no new connection, closes idle keep-alive connections, and lets
 * every request in flight be answered; what is still running after `graceMs` has its connection cut.
 */
export async function drainHttpServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A keep-alive connection that finishes its request is closed as soon as it turns idle.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
  }
}

/** Runs `stop` once on the first SIGTERM or SIGINT (a second signal while stopping is ignored). */
export function onTerminationSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stop(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
