import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbeddedPostgres } from './embeddedPostgres';

/**
 * Starts the embedded PostgreSQL (embeddedPostgresMain.ts, run by tsx: development and tests only) in a child
 * process and resolves once it listens. Its data goes under `dataDir`, in memory when absent.
 */
export function startEmbeddedPostgresProcess(dataDir?: string, timeoutMs = 120_000): Promise<EmbeddedPostgres> {
  const main = path.join(__dirname, 'embeddedPostgresMain.ts');
  const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, main, dataDir ?? ''], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`embedded PostgreSQL ${why}: ${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs / 1000} s`), timeoutMs);
    const onExit = (code: number | null) => fail(`exited with ${code} during start-up`);
    child.once('exit', onExit);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^\{"serverUrl".*\}$/m.exec(output)?.[0];
      if (!line) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({
        serverUrl: (JSON.parse(line) as { serverUrl: string }).serverUrl,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
