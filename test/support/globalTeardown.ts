import { dropDatabase } from '../../db/connect';
import type { DevServer } from '../../scripts/devServer';

export default async function globalTeardown(): Promise<void> {
  const { devServer, databaseUrl } = (globalThis as Record<string, unknown>).__oneDoor as { devServer: DevServer; databaseUrl: string };
  await devServer.stop();
  await dropDatabase(databaseUrl);
}
