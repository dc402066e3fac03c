import { loadConfig } from '../../config';
import { connectDatabase } from '../../db/connect';
import { countFixtureCases, insertFixtureCases } from '../../db/repositories/bench';

/**
 * `npm run bench:fixtures [-- <cases> <open share>]`: fills the `npm run dev` database with synthetic cases
 * (default 100 000, 2 % still open) for the list benchmarks; running it again only adds what is missing.
 */
async function main(): Promise<void> {
  const [cases = 100_000, openShare = 0.02] = process.argv.slice(2).map(Number);
  const db = connectDatabase(loadConfig().databaseUrl, 1);
  try {
    const started = performance.now();
    await insertFixtureCases(db, cases, openShare);
    console.log(`${await countFixtureCases(db)} fixture cases (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
