import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { encryptingDataConverter } from '../../temporal/payloadCodec';
import { testPayloadKeys } from '../support/piiKeys';
import { historyFromFile } from './historyFile';

const DIR = path.join(__dirname, 'histories');

describe('determinism: recorded histories replay against the current workflow code', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  // One history per workflow type and released version: the first release's, then `<type>-v<N>.json`.
  test('when the fixtures are listed, then every workflow type has a recorded history and none of the first release is gone', () => {
    expect(files).toEqual(expect.arrayContaining(['caseWorkflow.json', 'referralWorkflow.json', 'caseWorkflow-v2.json', 'referralWorkflow-v2.json', 'calendarRetimingWorkflow-v2.json', 'benefitWorkflow.json', 'referralWorkflowLoop.json', 'caseWorkflowWithdrawn.json', 'caseWorkflow-v3.json', 'referralWorkflow-v3.json', 'leadWorkflow-v3.json', 'caseWorkflow-v4.json', 'referralWorkflow-v4.json', 'leadWorkflow-v4.json']));
  });

  test.each(files)('when %s is replayed, then no nondeterminism is found', async (file) => {
    const history = historyFromFile(readFileSync(path.join(DIR, file), 'utf8'));
    expect(history.events.length).toBeGreaterThan(5);
    // With the service's encrypting data converter: these histories were recorded before the payload codec, as
    // the histories of workflows running at the upgrade were; the codec reads their plain payloads as they are.
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! }, dataConverter: encryptingDataConverter(testPayloadKeys()) }, history, file);
  });
});
