import { readFileSync } from 'node:fs';
import { monthOf } from '../../domain/months';
import type { ApiHarness } from '../support/apiHarness';
import type { Browser } from '../support/browser';
import { pagedTo, unlabelledFields, useConsoleSession } from '../support/consoleSession';
import { eventually } from '../support/eventually';
import { buildIntake, makeIdNumber } from '../support/factories';

/**
 * The console's pages for the referral loop, the leads, the township's review and the monthly report, in headless
 * Chromium against the real API, worker, Temporal dev server and PostgreSQL.
 */
describe('staff console: inbox actions, leads, review steps, monthly report', () => {
  const session = useConsoleSession();
  const { pageErrors, signedIn, clocksStarted } = session;
  let api: ApiHarness;
  let browser: Browser;
  beforeAll(() => {
    ({ api, browser } = session);
  });

  const openCase = async (needs: NonNullable<Parameters<typeof buildIntake>[0]>['needs']) => (await api.as('window').post('/api/v1/cases').send(buildIntake({ needs })).expect(201)).body.caseNo as string;
  const referralOf = async (caseNo: string, department: string) =>
    (await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body.referrals.find((r: { department: string }) => r.department === department);
  const timelineOf = async (caseNo: string) => ((await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200)).body.timeline as { type: string }[]).map((e) => e.type);

  test('when a department signs for one referral, returns another and refers a third on from its inbox, then the first stays to do and the others leave the list, as the case records', async () => {
    const [accepted, returned, referred] = await Promise.all([openCase(['education']), openCase(['education']), openCase(['education'])]);
    await Promise.all([accepted, returned, referred].map((no) => clocksStarted(no, 'referral:education')));
    const page = await signedIn(api.tokens.department('education'), '/inbox');
    const act = async (caseNo: string, action: string, fill: () => Promise<void>, confirm: string) => {
      const row = page.locator(`tr[data-referral="${caseNo}-education"]`);
      await pagedTo(page, row);
      await row.getByRole('button', { name: action }).click();
      await fill();
      await page.getByRole('button', { name: confirm }).click();
      return row;
    };

    await act(accepted, '签收', async () => undefined, '确认签收');
    await page.locator('form[aria-label="签收"]').waitFor({ state: 'detached' });
    await (await act(returned, '退回', () => page.getByLabel('退回理由（缺少的材料或信息）').fill('缺少在读证明'), '确认退回')).waitFor({ state: 'detached' });
    const referredRow = await act(referred, '转介', async () => {
      await page.getByLabel('转介至').selectOption('housing');
      expect(await unlabelledFields(page)).toEqual([]);
      await browser.screenshot(page, '15-inbox-refer-on');
      await page.getByLabel('转介理由').fill('主要困难是住房');
    }, '确认转介');
    await referredRow.waitFor({ state: 'detached' });

    expect([(await referralOf(accepted, 'education')).status, (await referralOf(returned, 'education')).status, (await referralOf(referred, 'education')).status]).toEqual(['accepted', 'returned', 'referred_on']);
    expect(await referralOf(referred, 'housing')).toMatchObject({ status: 'open' });
    // Signed for, the referral is still to do (and listed as such), now the department's to finish.
    await page.getByLabel('状态').selectOption('accepted');
    const signed = page.locator(`tr[data-referral="${accepted}-education"]`);
    await pagedTo(page, signed);
    await signed.locator('td', { hasText: '已签收' }).waitFor();
    expect(await signed.getByRole('button').allTextContents()).toEqual(['办结', '退回', '转介']);
    // The returned one waits under its own status.
    await page.getByLabel('状态').selectOption('returned');
    const row = page.locator(`tr[data-referral="${returned}-education"]`);
    await pagedTo(page, row);
    await row.locator('td', { hasText: '已退回' }).waitFor();
    await page.close();
  });

  test('when a reporter’s lead reaches the window, then the clerk converts one from the leads page with the form prefilled, and closes another with a reason', async () => {
    const reporter = api.asToken(await api.tokenFor('reporter.baocheng'));
    const lead = async (name: string) => (await reporter.post('/api/v1/leads').send({ name, hardship: '独居老人，摔伤无人照料', phone: '13805361234' }).expect(201)).body.id as number;
    const [converted, closed] = [await lead('王大爷'), await lead('赵大娘')];

    const page = await signedIn(api.tokens.window, '/window/leads');
    const row = page.locator(`tr[data-lead="${converted}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('王大爷');
    await browser.screenshot(page, '16-leads');
    await row.getByRole('link', { name: '转为案件' }).click();
    await expect(page.getByLabel('姓名').first().inputValue()).resolves.toBe('王大爷');
    await expect(page.getByLabel('家庭困难情况（选填）').inputValue()).resolves.toBe('独居老人，摔伤无人照料');
    await page.getByLabel('身份证号').first().fill(makeIdNumber('19450301'));
    await page.getByLabel('所在村（社区）（选填，公示时使用）').fill('城关村');
    await page.getByLabel('支出型临时救助').check();
    await page.getByRole('button', { name: '受理并生成告知书' }).click();
    const caseNo = (await page.getByTestId('converted-case').textContent())!;
    expect(caseNo).toMatch(/^\d{8}-\d{6}$/);
    const { body: leads } = await api.as('window').get('/api/v1/leads?status=converted').expect(200);
    expect(leads.items.find((l: { id: number }) => l.id === converted)).toMatchObject({ status: 'converted', caseNo });

    await page.getByRole('link', { name: '返回线索列表' }).click();
    const other = page.locator(`tr[data-lead="${closed}"]`);
    await other.getByRole('button', { name: '关闭' }).click();
    await page.getByLabel('关闭原因（信息员可见）').fill('经核实已由子女照料');
    await page.getByRole('button', { name: '确认关闭' }).click();
    await other.waitFor({ state: 'detached' });
    const { body: mine } = await reporter.get('/api/v1/leads?status=closed').expect(200);
    expect(mine.items.find((l: { id: number }) => l.id === closed)).toMatchObject({ status: 'closed', closeReason: '经核实已由子女照料' });
    await page.close();
  });

  test('when the township’s staff record the home visit, object during the public notice and pass a case up, then the case page does each', async () => {
    const staff = await api.db.selectFrom('staff').select(['id', 'username']).where('username', 'in', ['window.baocheng', 'reviewer.baocheng']).execute();
    const idOf = (username: string) => staff.find((s) => s.username === username)!.id;
    const dibao = await openCase(['dibao']);
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${dibao}-civil_affairs/complete`).send({ outcome: 'granted', measures: ['dibao_included'] }).expect(200));

    const window = await signedIn(api.tokens.window, `/cases/${dibao}`);
    await window.getByLabel('调查人员编号（至少两人，逗号分隔）').fill(`${idOf('window.baocheng')}, ${idOf('reviewer.baocheng')}`);
    await window.getByLabel('走访邻里人数').fill('3');
    await window.getByLabel('调查情况').fill('房屋漏雨，家中无大件家电，邻里反映属实');
    expect(await unlabelledFields(window)).toEqual([]);
    await browser.screenshot(window, '17-home-visit');
    await window.getByRole('button', { name: '登记入户调查' }).click();
    await eventually(async () => expect(await timelineOf(dibao)).toContain('home_investigation_recorded'));

    // The township's reviewer proposes the approval; during its notice the window records an objection.
    await eventually(() => api.as('township_reviewer').post(`/api/v1/cases/${dibao}/decision`).send({ decision: 'approve', reason: '符合条件', monthlyAmountYuan: 900, startMonth: monthOf(new Date()) }).expect(200));
    await eventually(async () => expect((await api.as('window').get(`/api/v1/cases/${dibao}`).expect(200)).body.stage).toBe('notice'));
    await window.reload();
    await window.getByLabel('异议内容').fill('邻居反映其子女有稳定收入');
    await window.getByRole('button', { name: '登记异议' }).click();
    await eventually(async () => expect((await api.as('window').get(`/api/v1/cases/${dibao}`).expect(200)).body.stage).toBe('approval'));
    expect(await timelineOf(dibao)).toContain('notice_objected');
    await window.close();

    const tekun = await openCase(['tekun']);
    await clocksStarted(tekun, 'approval');
    const reviewer = await signedIn(api.tokens.township_reviewer, `/cases/${tekun}`);
    await reviewer.getByLabel('提级理由').fill('家庭成员户籍不一致，情况复杂');
    await reviewer.getByRole('button', { name: '提级', exact: true }).click();
    await eventually(async () => expect(await timelineOf(tekun)).toContain('review_escalated'));
    await reviewer.close();
  });

  test('when the county’s reviewer opens the monthly report, then the township’s figures of the month are those of the API, with a chart, and the CSV downloads', async () => {
    const month = monthOf(new Date());
    const { body: report } = await api.as('reviewer').get(`/api/v1/reports/monthly?month=${month}&county=370725`).expect(200);
    const baocheng = report.townships.find((w: { township: string }) => w.township === '370725001');
    const page = await signedIn(api.tokens.reviewer, '/report');
    const row = page.locator('tr[data-township="370725001"]');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 6)).toEqual(['宝城街道', ...[baocheng.cases.opened, baocheng.cases.closed, baocheng.cases.withdrawn, baocheng.cases.terminated, baocheng.cases.notAccepted].map(String)]);
    // Civil affairs completed referrals this month (the test above): its on-time bar is drawn.
    await page.locator('[data-chart-row="转办：县民政局"]').waitFor();
    await browser.screenshot(page, '18-monthly-report');
    expect(await unlabelledFields(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`月报告-370725-${month}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('month,county,unit,code,name,figure,kind,value');
    await page.close();
  });

  test('when the pages above were used, then no page raised an error', () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
