import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';

/**
 * The worker's logs as JSON lines through the service's pino logger (with its redaction): the SDK adds
 * `workflowId`, `runId`, `workflowType` or `activityType` to every workflow and activity log entry, and the
 * workflows add `caseNo`.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const method = level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
    this.logger[method]({ ...meta }, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/**
 * Installs the process's Temporal runtime, once, before any worker connection: JSON logs, and the SDK's worker
 * metrics (task latencies, slots, sticky cache size and hits, activity failures…) served for Prometheus at
 * `metricsAddress` (`host:port`, its own port; `/metrics`), when given. A process that also serves the API
 * passes `ownSignals: false` and stops the worker itself, after the API has drained its requests (which may
 * wait on the worker); a worker process leaves SIGTERM to the SDK, which drains activities.
 */
export function installWorkerRuntime(logger: Logger, metricsAddress: string | undefined, { ownSignals = true } = {}): void {
  Runtime.install({
    logger: new PinoTemporalLogger(logger.child({ component: 'worker' })),
    ...(!ownSignals && { shutdownSignals: [] }),
    ...(metricsAddress && { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } }),
  });
}
