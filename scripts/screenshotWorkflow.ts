import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../config';

/**
 * `npm run screenshot:workflow -- <workflowId> [directory]` with `npm run dev` running: opens the workflow in
 * the Temporal Web UI in headless Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium) and saves two
 * screenshots into the directory (default docs/screenshots/): the timeline, with the summaries of its
 * activities, timers and children, and the "User Metadata" tab, with its summary, details and current details.
 */
async function main(): Promise<void> {
  const [workflowId, directory = path.join('docs', 'screenshots')] = process.argv.slice(2);
  if (!workflowId) throw new Error('usage: npm run screenshot:workflow -- <workflowId> [directory]');
  const { temporal } = loadConfig();
  const out = (what: string) => path.resolve(directory, `${workflowId.replace(/\d{8}-\d{6}/, 'example')}-${what}.png`);
  mkdirSync(directory, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1400 }, locale: 'zh-CN' });
    await page.goto(`http://localhost:${temporal.uiPort}/namespaces/${temporal.namespace}/workflows/${encodeURIComponent(workflowId)}`);
    // The timeline is drawn once the history has loaded; the UI keeps polling, so there is no network idle.
    await page.getByText(/recordClock/).first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: out('timeline'), fullPage: true });
    await page.getByRole('link', { name: 'User Metadata' }).or(page.getByRole('tab', { name: 'User Metadata' })).first().click();
    await page.waitForTimeout(5000);
    await page.screenshot({ path: out('metadata'), fullPage: true });
    console.log(`${out('timeline')}\n${out('metadata')}`);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
