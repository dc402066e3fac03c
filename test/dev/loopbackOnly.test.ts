import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropDatabase } from '../../db/connect';
import { startDevProcess, type DevProcess } from '../../scripts/devProcess';
import { startDevServer, type DevServer } from '../../scripts/devServer';
import { freePort } from '../support/freePort';
import { isLoopback, listeningSockets, processTree } from '../support/listeningSockets';

/**
 * Nothing of the development set-up answers on another address of this machine: Temporal's frontend has no door
 * of its own (anyone who reaches it may send any update, with any actor), and the demo tokens are printed on the
 * screen. Checked on the processes themselves: every TCP socket they listen on is a loopback address.
 */
describe('development servers listen on 127.0.0.1 only', () => {
  test('when the Temporal dev server runs with its Web UI, then its frontend, UI and every other port listen on loopback only', async () => {
    let server: DevServer | undefined;
    try {
      const [port, uiPort] = [await freePort(), await freePort()];
      server = await startDevServer({ port, uiPort });
      expect(server.pid).toBeDefined();
      const sockets = listeningSockets(processTree(server.pid!));
      expect(sockets.map((s) => s.port)).toEqual(expect.arrayContaining([port, uiPort]));
      expect(sockets.filter((s) => !isLoopback(s.address))).toEqual([]);
    } finally {
      await server?.stop();
    }
  });

  test('when `npm run dev` runs, then the API, Temporal and its UI listen on loopback only', async () => {
    const databaseUrl = `${process.env.TEST_DATABASE_URL}_dev`;
    const ports = { api: await freePort(), temporal: await freePort(), ui: await freePort() };
    const dataDir = mkdtempSync(path.join(tmpdir(), 'one-door-dev-'));
    let dev: DevProcess | undefined;
    try {
      dev = await startDevProcess({
        ...process.env,
        DEV_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        PORT: String(ports.api),
        TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
        TEMPORAL_UI_PORT: String(ports.ui),
        LOG_LEVEL: 'warn',
      });
      const sockets = listeningSockets(processTree(dev.pid));
      expect(sockets.map((s) => s.port)).toEqual(expect.arrayContaining([ports.api, ports.temporal, ports.ui]));
      expect(sockets.filter((s) => !isLoopback(s.address))).toEqual([]);
    } finally {
      const stopped = await dev?.stop();
      await dropDatabase(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
      expect(stopped?.leftRunning).not.toBe(true);
    }
  });
});
