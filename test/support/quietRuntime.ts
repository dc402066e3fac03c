import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

/**
 * Workers in tests print warnings and errors only; every entry from INFO up is also kept in
 * `globalThis.__workerLogs` (per test file), so that a test can read what the worker logged.
 */
const workerLogs: LogEntry[] = [];
(globalThis as Record<string, unknown>).__workerLogs = workerLogs;
const printer = new DefaultLogger('WARN');
Runtime.install({
  logger: new DefaultLogger('INFO', (entry) => {
    workerLogs.push(entry);
    printer.log(entry.level, entry.message, entry.meta);
  }),
});

export function capturedWorkerLogs(): LogEntry[] {
  return (globalThis as Record<string, unknown>).__workerLogs as LogEntry[];
}
