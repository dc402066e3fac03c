import { Router } from 'express';
import { sql } from 'kysely';
import { deploymentBinding } from '../deploymentBinding';
import type { ApiDeps } from '../deps';

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await within(2000, check());
    return true;
  } catch {
    return false;
  }
}

export function healthRoutes({ db, temporal }: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [postgres, temporalServer] = await Promise.all([
      reachable(() => sql`select 1`.execute(db)),
      // A gRPC deadline, not only a race, so that no retry outlives the answer (and a shutdown).
      reachable(() => temporal.connection.withDeadline(Date.now() + 2000, () => temporal.connection.workflowService.getSystemInfo({}))),
    ]);
    // Both reachable: do they belong together? (A mismatch would bind new cases to old cases' workflows.)
    const deployment = postgres && temporalServer ? await within(2000, deploymentBinding({ db, temporal })).catch(() => 'unknown') : 'unknown';
    const ready = postgres && temporalServer && deployment !== 'mismatch';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', postgres, temporal: temporalServer, deployment });
  });
  return router;
}
