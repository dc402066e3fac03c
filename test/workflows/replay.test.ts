import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { encryptingDataConverter } from '../../temporal/payloadCodec';
import { testPayloadKeys } from '../support/piiKeys';
import { historyFromFile } from './historyFile';

const DIR = path.join(__dirname, 'histories');

describe('determinism: recorded histories replay against the current workflow code', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  test('when the fixtures are listed, then both workflow types have a recorded history', () => {
    expect(files.sort()).toEqual(['caseWorkflow.json', 'referralWorkflow.json']);
  });

  test.each(files)('when %s is replayed, then no nondeterminism is found', async (file) => {
    const history = historyFromFile(readFileSync(path.join(DIR, file), 'utf8'));
    expect(history.events.length).toBeGreaterThan(5);
    // With the service's encrypting data converter: these histories were recorded before the payload codec, as
    // the histories of workflows running at the upgrade were; the codec reads their plain payloads as they are.
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! }, dataConverter: encryptingDataConverter(testPayloadKeys()) }, history, file);
  });
});
