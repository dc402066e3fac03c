import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { dropDatabase } from '../../db/connect';
import { prepareDatabase } from '../../scripts/migrate';
import { caseWorkflowId, referralWorkflowId } from '../../workflows/messages';
import { historyToFile } from './historyFile';
import { runCaseToClosure, runReferralLoopAndWithdrawal } from '../support/scenarios';
import { testDb } from '../support/testDb';
import { createTimeSkippingEnv } from '../support/workflowEnv';

/**
 * `npm run record-histories`: runs the scenarios (closure; the referral loop and a withdrawal) and freezes their workflow histories under
 * test/workflows/histories/. The replay test replays them against the current code, so a change that breaks
 * running workflows fails CI. Record again only for an intended, versioned change of workflow code.
 */
async function main(): Promise<void> {
  // `npm run record-histories -- loop` records only the named scenarios (closure, loop).
  const only = process.argv.slice(2);
  const databaseUrl = `${process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'}/one_door_record_${process.pid}`;
  await prepareDatabase(databaseUrl);
  process.env.TEST_DATABASE_URL = databaseUrl;
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
  process.env.TEST_WORKFLOW_BUNDLE = path.join(mkdtempSync(path.join(tmpdir(), 'one-door-')), 'bundle.js');
  writeFileSync(process.env.TEST_WORKFLOW_BUNDLE, bundle.code);

  const env = await createTimeSkippingEnv();
  const db = testDb();
  try {
    const recorded: Record<string, string> = {};
    if (only.length === 0 || only.includes('closure')) {
      const { input } = await runCaseToClosure(env, db, ['dibao', 'education', 'medical']);
      Object.assign(recorded, { caseWorkflow: caseWorkflowId(input.caseNo), referralWorkflow: referralWorkflowId(input.caseNo, 'education') });
    }
    if (only.length === 0 || only.includes('loop')) {
      const { looped, withdrawn } = await runReferralLoopAndWithdrawal(env, db);
      Object.assign(recorded, { referralWorkflowLoop: referralWorkflowId(looped.caseNo, 'education'), caseWorkflowWithdrawn: caseWorkflowId(withdrawn.caseNo) });
    }
    for (const [name, workflowId] of Object.entries(recorded)) {
      const file = path.join(__dirname, 'histories', `${name}.json`);
      writeFileSync(file, historyToFile(await env.client.workflow.getHandle(workflowId).fetchHistory()));
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
