import { spawn } from 'node:child_process';
import path from 'node:path';

/** `npm run dev` as a child process: started in a process group of its own, stopped with Ctrl-C's signal. */
export interface DevProcess {
  pid: number;
  /** Demo staff username → bearer token, from the table it printed. */
  tokens: Record<string, string>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGINT to its process group, as Ctrl-C would; resolves when npm has exited, with whether any process of the group is left. */
  stop(): Promise<{ leftRunning: boolean }>;
}

const READY = 'Ctrl-C stops everything.';
const TOKEN_ROW = /^\s{4}(\S+)\s+\S+\s+.*\s(odt_\S+)\s*$/gm;

export function startDevProcess(env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<DevProcess> {
  const child = spawn('npm', ['run', 'dev'], { cwd: path.resolve(__dirname, '..'), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    if (groupAlive()) process.kill(-child.pid!, 'SIGINT');
    await exited;
    // npm exits with the signal; the launcher under it needs a moment to stop the worker, API, databases and Temporal.
    const deadline = Date.now() + 60_000;
    while (groupAlive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const leftRunning = groupAlive();
    if (leftRunning) process.kill(-child.pid!, 'SIGKILL');
    return { leftRunning };
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`npm run dev ${why}:\n${output.slice(-4000)}`)));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs / 1000} s`), timeoutMs);
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes(READY)) return;
      child.stdout.off('data', onOutput);
      child.off('exit', onExit);
      child.stdout.on('data', (more: Buffer) => (output += more.toString()));
      clearTimeout(timer);
      const tokens = Object.fromEntries([...output.matchAll(TOKEN_ROW)].map((m) => [m[1], m[2]]));
      resolve({ pid: child.pid!, tokens, output: () => output, stop });
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const onExit = (code: number | null) => fail(`exited with ${code} during start-up`);
    child.once('exit', onExit);
  });
}
