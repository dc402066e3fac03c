import type { Page } from 'playwright-core';
import { startDevServer, type DevServer } from '../../scripts/devServer';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { launchBrowser, type Browser } from '../support/browser';
import { buildIntake } from '../support/factories';
import { freePort } from '../support/freePort';

/**
 * Issue 11 item 3: the Temporal Web UI shows a case's payloads decoded to a reviewer who opened a codec session in
 * the console, and ciphertext to a browser without one (the UI then says its codec server could not connect). A dev server of its own with the Web UI, the API and worker
 * on it, headless Chromium for both the console and the Web UI (one host name, so the cookie is same-site).
 */
describe('the Temporal Web UI decoding through the codec endpoint', () => {
  let temporal: DevServer;
  let api: ApiHarness;
  let browser: Browser;
  let consoleBase: string;
  let uiBase: string;
  let caseNo: string;

  beforeAll(async () => {
    const uiPort = await freePort();
    uiBase = `http://127.0.0.1:${uiPort}`;
    [temporal, browser] = await Promise.all([startDevServer({ port: await freePort(), uiPort }), launchBrowser()]);
    api = await startApiHarness({ temporalAddress: temporal.address, temporalUiOrigins: [uiBase] });
    const address = api.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    consoleBase = `http://127.0.0.1:${address.port}`;
    ({ caseNo } = (await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'education'] })).expect(201)).body);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await temporal?.stop();
  });

  /**
   * The Web UI's own "Codec Server" setting, as a user sets it in the browser: this endpoint, with cross-origin
   * credentials (the codec cookie) included. Kept in the UI origin's local storage.
   */
  async function useCodecEndpoint(page: Page): Promise<void> {
    await page.goto(`${uiBase}/namespaces/default/workflows`);
    await page.evaluate((endpoint) => {
      localStorage.setItem('endpoint', JSON.stringify(endpoint));
      localStorage.setItem('includeCredentials', 'true');
      localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
    }, `${consoleBase}/api/v1/temporal-codec`);
  }

  /** The case workflow's page in the Web UI, with its input shown. */
  async function caseWorkflowPage(page: Page): Promise<void> {
    await page.goto(`${uiBase}/namespaces/default/workflows/${encodeURIComponent(`case-${caseNo}`)}`);
    await page.getByText('caseWorkflow').first().waitFor({ timeout: 60_000 });
  }

  test('when a reviewer has opened a codec session in the console, then the Web UI shows the case workflow’s input decoded', async () => {
    const { page } = await browser.newPage();
    await page.goto(`${consoleBase}/console/`);
    await page.getByLabel('访问令牌').fill(api.tokens.reviewer);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('who').waitFor();
    await page.goto(`${consoleBase}/console/#/supervision`);
    await page.getByTestId('codec-session').click();
    await page.getByRole('status').filter({ hasText: '解密会话有效至' }).waitFor();

    await useCodecEndpoint(page);
    await caseWorkflowPage(page);
    // Only the decoded input names its fields (acceptedAt, referrals); the workflow id alone would show the case number.
    await page.getByText(/acceptedAt/).first().waitFor({ timeout: 60_000 });
    await expect(page.getByText('Codec Server could not connect').count()).resolves.toBe(0);
    await browser.screenshot(page, 'temporal-ui-decoded');
  });

  test('when the browser has no codec session, then the Web UI shows the input as ciphertext only', async () => {
    const other = await launchBrowser();
    try {
      const { page } = await other.newPage();
      await useCodecEndpoint(page);
      await caseWorkflowPage(page);
      await page.locator('#content').getByText('Codec Server could not connect').waitFor({ timeout: 60_000 });
      await expect(page.getByText(/acceptedAt/).count()).resolves.toBe(0);
      await other.screenshot(page, 'temporal-ui-without-session');
    } finally {
      await other.close();
    }
  });
});
