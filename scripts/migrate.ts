import { loadConfig } from '../config';
import { connectDatabase, ensureDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { seed } from '../db/seed';

/** Creates the database if it is missing, migrates it to the latest schema and seeds reference data. */
export async function prepareDatabase(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl);
  const db = connectDatabase(databaseUrl, 2);
  try {
    await migrateToLatest(db);
    await seed(db);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  prepareDatabase(loadConfig().databaseUrl).then(
    () => console.log('database migrated and seeded'),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
