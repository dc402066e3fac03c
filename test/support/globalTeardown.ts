import { dropDatabase } from '../../db/connect';
import type { PostgresServer } from '../../db/postgresServer';
import type { DevServer } from '../../scripts/devServer';

export default async function globalTeardown(): Promise<void> {
  const { devServer, databaseUrl, postgres } = (globalThis as Record<string, unknown>).__oneDoor as { devServer: DevServer; databaseUrl: string; postgres: PostgresServer };
  await devServer.stop();
  await dropDatabase(databaseUrl);
  await postgres.stop();
}
