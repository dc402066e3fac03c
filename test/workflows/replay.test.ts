import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromFile } from './historyFile';

const DIR = path.join(__dirname, 'histories');

describe('determinism: recorded histories replay against the current workflow code', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  test('when the fixtures are listed, then both workflow types have a recorded history, before and after the referral loop', () => {
    expect(files.sort()).toEqual(['caseWorkflow.json', 'caseWorkflowWithdrawn.json', 'referralWorkflow.json', 'referralWorkflowLoop.json']);
  });

  test.each(files)('when %s is replayed, then no nondeterminism is found', async (file) => {
    const history = historyFromFile(readFileSync(path.join(DIR, file), 'utf8'));
    expect(history.events.length).toBeGreaterThan(5);
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history, file);
  });
});
