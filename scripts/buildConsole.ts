import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { CONSOLE_BUILD_DIR } from '../api/console';

const SOURCE = path.resolve(__dirname, '..', 'console');

/**
 * Bundles the staff console (console/src, TypeScript + Preact) into `outDir`: one script, one stylesheet and the
 * page, all served by the API at /console/. It imports the API's own zod schemas, so the form validates as the
 * API will. Run by `npm test` (jest's global setup), `npm run dev` and `npm run build`.
 */
export async function buildConsole(outDir = CONSOLE_BUILD_DIR): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { console: path.join(SOURCE, 'src', 'main.tsx'), styles: path.join(SOURCE, 'styles.css') },
    outdir: outDir,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'edge100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: path.join(SOURCE, 'tsconfig.json'),
    logLevel: 'warning',
  });
  cpSync(path.join(SOURCE, 'index.html'), path.join(outDir, 'index.html'));
}

if (require.main === module) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : CONSOLE_BUILD_DIR;
  buildConsole(outDir).then(
    () => console.log(`console built into ${outDir}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
