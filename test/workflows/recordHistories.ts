import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../worker/worker';
import { dropDatabase } from '../../db/connect';
import { prepareDatabase } from '../../scripts/migrate';
import { caseWorkflowId, referralWorkflowId } from '../../workflows/messages';
import { runBenefitFirstMonth } from '../support/benefitScenario';
import { historyToFile } from './historyFile';
import { retimeCalendar, runCaseToClosure, runLeadPastDue, runReferralLoopAndWithdrawal } from '../support/scenarios';
import { testDb } from '../support/testDb';
import { createTimeSkippingEnv } from '../support/workflowEnv';

/**
 * `npm run record-histories -- <version>`: runs the closure scenario and freezes its workflow histories under
 * test/workflows/histories/ as `<workflow type>-<version>.json`. The replay test replays every recorded version
 * against the current code, so a change that breaks running workflows fails CI. Histories are never re-recorded:
 * a release that changes workflow code (with `patched()`) records a new version beside the old ones.
 * Every workflow type is recorded (the benefit workflow's first month, the referral loop and a withdrawal included).
 */
async function main(): Promise<void> {
  const version = process.argv[2];
  if (!version || !/^v\d+$/.test(version)) throw new Error('usage: npm run record-histories -- v<N> (a new version; existing files are kept)');
  const databaseUrl = `${process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'}/one_door_record_${process.pid}`;
  await prepareDatabase(databaseUrl);
  process.env.TEST_DATABASE_URL = databaseUrl;
  const bundle = await bundleWorkflowCode(WORKFLOW_BUNDLE_OPTIONS);
  process.env.TEST_WORKFLOW_BUNDLE = path.join(mkdtempSync(path.join(tmpdir(), 'one-door-')), 'bundle.js');
  writeFileSync(process.env.TEST_WORKFLOW_BUNDLE, bundle.code);

  const env = await createTimeSkippingEnv();
  const db = testDb();
  try {
    // First, while the server's clock is still the real one (the lead is recorded in real time).
    const lead = await runLeadPastDue(env, db);
    const { input } = await runCaseToClosure(env, db, ['dibao', 'education', 'medical']);
    const year = new Date().getUTCFullYear();
    const retiming = await retimeCalendar(env, db, year, [caseWorkflowId(input.caseNo)]);
    const recorded: Record<string, { workflowId: string; runId?: string }> = {
      caseWorkflow: { workflowId: caseWorkflowId(input.caseNo) },
      referralWorkflow: { workflowId: referralWorkflowId(input.caseNo, 'education') },
      calendarRetimingWorkflow: { workflowId: retiming },
      benefitWorkflow: await runBenefitFirstMonth(env, db),
    };
    const { looped, withdrawn } = await runReferralLoopAndWithdrawal(env, db);
    recorded.referralWorkflowLoop = { workflowId: referralWorkflowId(looped.caseNo, 'education') };
    recorded.caseWorkflowWithdrawn = { workflowId: caseWorkflowId(withdrawn.caseNo) };
    recorded.leadWorkflow = lead;
    for (const [name, { workflowId, runId }] of Object.entries(recorded)) {
      const file = path.join(__dirname, 'histories', `${name}-${version}.json`);
      if (existsSync(file)) throw new Error(`${file} exists: recorded histories are never replaced`);
      writeFileSync(file, historyToFile(await env.client.workflow.getHandle(workflowId, runId).fetchHistory()));
      console.log(`recorded ${file}`);
    }
  } finally {
    await db.destroy();
    await env.teardown();
    await dropDatabase(databaseUrl);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
