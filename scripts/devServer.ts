import { spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../workflows/searchAttributes';
import { temporalCli } from './temporalBinaries';

export interface DevServerOptions {
  port: number;
  /** Web UI port; no UI when absent. */
  uiPort?: number;
  /** The Web UI's codec endpoint (`--ui-codec-endpoint`), which decodes encrypted payloads for display. */
  codecEndpoint?: string;
  /** SQLite file for durable state; in memory when absent. */
  dbFile?: string;
  startupTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  /** The server's process (absent when @temporalio/testing started its own download). */
  pid?: number;
  stop(): Promise<void>;
}

const CLI_TYPE: Record<string, string> = { KEYWORD: 'Keyword', KEYWORD_LIST: 'KeywordList', DATETIME: 'Datetime', BOOL: 'Bool', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double' };

/** `--search-attribute` arguments registering this project's custom search attributes. */
export function searchAttributeArgs(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE[key.type]}`]);
}

async function waitUntilServing(address: string, deadline: number, exited: () => string | undefined): Promise<void> {
  for (;;) {
    const reason = exited();
    if (reason) throw new Error(`Temporal dev server exited during start-up: ${reason}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal dev server at ${address} did not answer in time: ${String(err)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Starts `temporal server start-dev` with the custom search attributes registered, and waits until it serves.
 * Started here rather than by @temporalio/testing's createLocal because that allows only 5 s to start.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const address = `127.0.0.1:${options.port}`;
  const executable = temporalCli();
  const codecArgs = options.codecEndpoint && options.uiPort !== undefined ? ['--ui-codec-endpoint', options.codecEndpoint] : [];
  if (executable.type === 'cached-download') {
    const env = await TestWorkflowEnvironment.createLocal({
      server: { ip: '127.0.0.1', port: options.port, uiPort: options.uiPort, ui: options.uiPort !== undefined, dbFilename: options.dbFile, searchAttributes: SEARCH_ATTRIBUTES, extraArgs: codecArgs },
    });
    return { address, stop: () => env.teardown() };
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'error', ...searchAttributeArgs()];
  args.push(...(options.uiPort !== undefined ? ['--ui-port', String(options.uiPort)] : ['--headless']), ...codecArgs);
  if (options.dbFile) args.push('--db-filename', options.dbFile);

  const child = spawn(executable.path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exit: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.on('exit', (code, signal) => (exit = `code ${code ?? signal}: ${stderr.trim()}`));
  child.on('error', (err) => (exit = err.message));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilServing(address, Date.now() + (options.startupTimeoutMs ?? 60_000), () => exit);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, pid: child.pid, stop };
}
