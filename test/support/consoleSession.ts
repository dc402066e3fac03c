import type { Locator, Page } from 'playwright-core';
import type { ApiHarness } from './apiHarness';
import { launchBrowser, type Browser } from './browser';
import { eventually } from './eventually';
import { startApiHarness } from './apiHarness';

/**
 * The staff console's browser tests' set-up: the API (serving the console) and headless Chromium, started in the
 * calling `describe`, and what every such test does — sign in, read a list page by page, check labels.
 */
export interface ConsoleSession {
  readonly api: ApiHarness;
  readonly browser: Browser;
  /** `http://127.0.0.1:<port>` of the API. */
  readonly base: string;
  /** Errors of every page opened, for the last test to find none. */
  readonly pageErrors: string[][];
  /** A fresh tab (its own session storage) signed in with `token`, at `hash` (with `query`, e.g. `?pageSize=2`). */
  signedIn(token: string, hash?: string, query?: string): Promise<Page>;
  /** Waits until the workflow has recorded these clocks of the case (a page shows what is recorded when it loads). */
  clocksStarted(caseNo: string, ...clocks: string[]): Promise<void>;
}

export function useConsoleSession(): ConsoleSession {
  let api: ApiHarness | undefined;
  let browser: Browser | undefined;
  let base = '';
  const pageErrors: string[][] = [];
  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiHarness(), launchBrowser()]);
    const address = api.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });
  return {
    get api() {
      return api!;
    },
    get browser() {
      return browser!;
    },
    get base() {
      return base;
    },
    pageErrors,
    async signedIn(token, hash = '', query = '') {
      const { page, errors } = await browser!.newPage();
      pageErrors.push(errors);
      await page.goto(`${base}/console/`);
      await page.getByLabel('访问令牌').fill(token);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('who').waitFor();
      if (hash || query) await page.goto(`${base}/console/${query}#${hash}`);
      return page;
    },
    clocksStarted: (caseNo, ...clocks) =>
      eventually(async () => {
        const { body } = await api!.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
        expect(body.clocks.map((c: { clock: string }) => c.clock)).toEqual(expect.arrayContaining(clocks));
      }, 60_000),
  };
}

/**
 * Waits for `row`, reading further pages (加载更多) while it is not among the rows shown: the test database holds
 * every test file's cases, so the first page may end before the one a test has just opened.
 */
export async function pagedTo(page: Page, row: Locator): Promise<void> {
  const more = page.getByRole('button', { name: '加载更多' });
  const count = page.getByTestId('list-count');
  await row.or(more).first().waitFor();
  while (!(await row.isVisible()) && (await more.isVisible())) {
    // The button reads 加载中… while the page loads: wait for the rows shown to grow before looking again.
    const shown = await count.textContent();
    await more.click();
    await page.waitForFunction((before) => document.querySelector('[data-testid="list-count"]')?.textContent !== before, shown);
  }
  await row.waitFor();
}

/** Fields without a label (a screen reader would announce them as nothing). */
export const unlabelledFields = (page: Page) =>
  page.$$eval('input, select, textarea', (fields) =>
    fields.filter((f) => (f as unknown as { labels: ArrayLike<unknown> }).labels.length === 0 && !f.getAttribute('aria-label')).map((f) => f.outerHTML),
  );
