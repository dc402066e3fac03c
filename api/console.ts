import path from 'node:path';
import express, { Router } from 'express';

/**
 * The staff console (console/): static files built by esbuild (scripts/buildConsole.ts), served from this process
 * so that an office PC needs no CDN and no internet. Scripts come from 'self' only: helmet's CSP holds.
 * From the sources the files are in console/build; after `npm run build`, in dist/console/build.
 */
export const CONSOLE_BUILD_DIR = path.resolve(__dirname, '..', 'console', 'build');

export interface ConsoleSettings {
  /** Where staff open a workflow in the Temporal Web UI (the supervision board links there). */
  temporalUiUrl: string;
  temporalNamespace: string;
}

export function consoleRoutes(settings: ConsoleSettings): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect('/console/'));
  // Public: links only, no data. The console reads it before sign-in.
  router.get('/console/config.json', (_req, res) => {
    res.json(settings);
  });
  router.use('/console', express.static(CONSOLE_BUILD_DIR, { index: 'index.html', fallthrough: true }));
  return router;
}
