import { Client, Connection } from '/work/wt/bench/node_modules/@temporalio/client';
import { randomUUID } from 'node:crypto';
import { connectDatabase } from '/work/wt/bench/db/connect';
import { loadConfig } from '/work/wt/bench/config';
import { PersonalDataCipher } from '/work/wt/bench/db/personalData';
import { createCase } from '/work/wt/bench/db/repositories/cases';
import { caseWorkflowStart, ensureCaseWorkflow } from '/work/wt/bench/api/intake';
import { planDeadlines } from '/work/wt/bench/api/deadlines';
import { benchIdNumber } from '/work/wt/bench/scripts/bench/api';
async function main() {
  const config = loadConfig();
  const db = connectDatabase(config.databaseUrl, 10);
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection });
  const pii = new PersonalDataCipher(config.pii);
  const acc: Record<string, number[]> = {};
  const lap = async <T>(name: string, f: () => Promise<T>) => { const t = performance.now(); const r = await f(); (acc[name] ??= []).push(performance.now() - t); return r; };
  for (let i = 0; i < 30; i++) {
    const openedAt = new Date();
    const { referrals } = await lap('planDeadlines', () => planDeadlines(db, { township: '370725001', needs: ['dibao', 'education', 'medical'], emergency: false, acceptedAt: openedAt }));
    const caseNo = await lap('createCase (tx)', () => createCase(db, pii, { township: '370725001', applicant: { name: '压测', idNumber: benchIdNumber(i), relation: 'self' }, members: [], needs: ['dibao', 'education', 'medical'], emergency: null, narrative: null, idempotencyKey: null, requestHash: pii.fingerprint('x' + i), referrals, actor: 'staff:1', requestId: null, openedAt }));
    await lap('caseWorkflowStart (2 queries)', () => caseWorkflowStart(db, caseNo));
    await lap('ensureCaseWorkflow (incl. temporal start)', () => ensureCaseWorkflow({ db, temporal, taskQueue: 'one-door' }, caseNo));
    await lap('raw temporal start', () => temporal.workflow.start('benchEmptyWorkflow', { taskQueue: 'bench-raw-x', workflowId: randomUUID(), workflowExecutionTimeout: '10 seconds' }));
  }
  for (const [k, v] of Object.entries(acc)) { v.sort((a, b) => a - b); console.log(k.padEnd(45), 'p50', v[15].toFixed(1), 'max', v[29].toFixed(1)); }
  await connection.close(); await db.destroy();
}
main();
