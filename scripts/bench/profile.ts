import { randomUUID } from 'node:crypto';
import { planDeadlines } from '../../api/deadlines';
import { caseWorkflowStart, ensureCaseWorkflow } from '../../api/intake';
import { createCase } from '../../db/repositories/cases';
import { benchIdNumber } from './api';
import { latency, type Latency } from './stats';
import type { ApiDeps } from '../../api/deps';

/**
 * Where the milliseconds go. `intakeSteps` runs intake's own steps one case at a time, timing each (the HTTP
 * part — authentication, zod, the answer — is the rest of the API's figure); `workerProfile` reads the Temporal
 * SDK's metrics of the worker: how long each activity runs, how long the server takes to take a result, and how long
 * workflow tasks wait for the worker.
 */
export async function intakeSteps(deps: Pick<ApiDeps, 'db' | 'temporal' | 'pii' | 'taskQueue' | 'logger' | 'workflowAnswerMs'>, cases: number, serial: number) {
  const steps: Record<string, number[]> = {};
  const lap = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    (steps[name] ??= []).push(performance.now() - started);
    return result;
  };
  for (let i = 0; i < cases; i++) {
    const openedAt = new Date();
    const needs = ['dibao', 'education', 'medical'] as const;
    const { referrals } = await lap('planDeadlines (time limits + calendar, PostgreSQL)', () => planDeadlines(deps.db, { township: '370725001', needs: [...needs], emergency: false, acceptedAt: openedAt }));
    const caseNo = await lap('createCase (one transaction, 8 statements, 3 encryptions)', () =>
      createCase(deps.db, deps.pii, {
        township: '370725001',
        applicant: { name: '压测申请人', idNumber: benchIdNumber(serial + i), relation: 'self' },
        members: [],
        needs: [...needs],
        emergency: null,
        narrative: null,
        idempotencyKey: null,
        requestHash: deps.pii.fingerprint(`profile-${serial + i}`),
        referrals,
        actor: 'system',
        requestId: null,
        openedAt,
      }),
    );
    await lap('caseWorkflowStart (workflow input, PostgreSQL)', () => caseWorkflowStart(deps.db, caseNo));
    await lap('ensureCaseWorkflow (input again + workflow.start)', () => ensureCaseWorkflow(deps, caseNo));
    await lap('raw workflow.start, for comparison', () =>
      deps.temporal.workflow.start('benchEmptyWorkflow', { taskQueue: `bench-raw-${randomUUID()}`, workflowId: `bench-raw-${randomUUID()}`, workflowExecutionTimeout: '10 seconds' }),
    );
  }
  return Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, latency(v)])) as Record<string, Latency | null>;
}

/** Averages (ms) of the worker's Temporal SDK histograms, by activity type or operation, from its /metrics text. */
export function workerProfile(metricsText: string): Record<string, { avgMs: number; n: number }> {
  const sums = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const line of metricsText.split('\n')) {
    const m = /^(temporal_[a-z_]+?)_(sum|count)\{(.*)\} ([\d.e+-]+)$/.exec(line);
    if (!m) continue;
    const [, name, kind, labels, value] = m;
    const label = (key: string) => new RegExp(`${key}="([^"]*)"`).exec(labels)?.[1];
    const key = [name.replace(/^temporal_/, ''), label('activity_type') ?? label('operation') ?? label('workflow_type') ?? ''].filter(Boolean).join(' ');
    const into = kind === 'sum' ? sums : counts;
    into.set(key, (into.get(key) ?? 0) + Number(value));
  }
  const wanted = /^(activity_execution_latency|activity_schedule_to_start_latency|workflow_task_schedule_to_start_latency|workflow_task_execution_latency|request_latency Respond|request_latency StartWorkflowExecution)/;
  return Object.fromEntries(
    [...sums.keys()].filter((k) => wanted.test(k) && (counts.get(k) ?? 0) > 0).sort().map((k) => [k, { avgMs: Math.round(sums.get(k)! / counts.get(k)!), n: counts.get(k)! }]),
  );
}
