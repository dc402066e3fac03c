import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { dropDatabase } from '../../db/connect';
import { prepareDatabase } from '../../scripts/migrate';
import { caseWorkflowId, referralWorkflowId } from '../../workflows/messages';
import { runBenefitFirstMonth } from '../support/benefitScenario';
import { historyToFile } from './historyFile';
import { runCaseToClosure } from '../support/scenarios';
import { testDb } from '../support/testDb';
import { createTimeSkippingEnv } from '../support/workflowEnv';

/**
 * `npm run record-histories`: runs the closure scenario and freezes its workflow histories under
 * test/workflows/histories/. The replay test replays them against the current code, so a change that breaks
 * running workflows fails CI. Record again only for an intended, versioned change of workflow code.
 * `npm run record-histories -- benefitWorkflow` records only the named histories (a new workflow type's first).
 */
async function main(): Promise<void> {
  const databaseUrl = `${process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'}/one_door_record_${process.pid}`;
  await prepareDatabase(databaseUrl);
  process.env.TEST_DATABASE_URL = databaseUrl;
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
  process.env.TEST_WORKFLOW_BUNDLE = path.join(mkdtempSync(path.join(tmpdir(), 'one-door-')), 'bundle.js');
  writeFileSync(process.env.TEST_WORKFLOW_BUNDLE, bundle.code);

  const env = await createTimeSkippingEnv();
  const db = testDb();
  try {
    const only = process.argv.slice(2);
    const wanted = (name: string) => only.length === 0 || only.includes(name);
    const recorded: Record<string, { workflowId: string; runId?: string }> = {};
    if (wanted('caseWorkflow') || wanted('referralWorkflow')) {
      const { input } = await runCaseToClosure(env, db, ['dibao', 'education', 'medical']);
      recorded.caseWorkflow = { workflowId: caseWorkflowId(input.caseNo) };
      recorded.referralWorkflow = { workflowId: referralWorkflowId(input.caseNo, 'education') };
    }
    if (wanted('benefitWorkflow')) recorded.benefitWorkflow = await runBenefitFirstMonth(env, db);
    for (const [name, { workflowId, runId }] of Object.entries(recorded).filter(([name]) => wanted(name))) {
      const file = path.join(__dirname, 'histories', `${name}.json`);
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
