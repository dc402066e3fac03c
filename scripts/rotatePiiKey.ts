import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { PersonalDataCipher } from '../db/personalData';
import { reencryptPersonalData, valuesPerKey } from '../db/repositories/personalDataKeys';

/**
 * `npm run rotate-pii-key [-- --reindex]`: after a new key was added to PII_KEYS and made PII_ACTIVE_KEY
 * (and the API restarted with it), re-encrypts everything an older key encrypted, then prints how many values
 * each key still holds: when the old key's count is 0, remove it from PII_KEYS. `--reindex` also recomputes the
 * ID-number blind index after PII_INDEX_KEY changed. Safe to run again, or while the service runs.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reindex: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const db = connectDatabase(config.databaseUrl, 2);
  const pii = new PersonalDataCipher(config.pii);
  try {
    const report = await reencryptPersonalData(db, pii, { reindex: values.reindex });
    console.log(`re-encrypted under ${pii.activeKeyId}: ${report.persons} person(s), ${report.narratives} narrative(s), ${report.notes} note(s)`);
    console.log('values per key now:', await valuesPerKey(db, pii));
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
