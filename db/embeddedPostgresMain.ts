import { startEmbeddedPostgres } from './embeddedPostgres';

/**
 * The embedded PostgreSQL in a process of its own (started by embeddedPostgresProcess.ts), so that PGlite's
 * WebAssembly runs beside the API, the worker and the tests rather than on their event loop.
 * Prints `{"serverUrl": …}` once listening. Stops on SIGTERM or when its parent closes stdin (the parent died);
 * ignores SIGINT, which a terminal's Ctrl-C sends to the whole process group: the parent stops it last.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2] || undefined;
  const server = await startEmbeddedPostgres({ dataDir });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => {});
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop).on('close', stop).resume();
  process.stdout.write(`${JSON.stringify({ serverUrl: server.serverUrl })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
