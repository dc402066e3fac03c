import type { Page } from 'playwright-core';
import { caseWorkflowStart } from '../../api/intake';
import { findStaffByUsername } from '../../db/repositories/staff';
import { revokeStaffTokens } from '../../db/repositories/staffTokens';
import type { DepartmentCode } from '../../domain/departments';
import { caseWorkflowId } from '../../workflows/messages';
import type { ApiHarness } from '../support/apiHarness';
import type { Browser } from '../support/browser';
import { pagedTo, unlabelledFields, useConsoleSession } from '../support/consoleSession';
import { storeCase } from '../support/cases';
import { eventually } from '../support/eventually';
import { wholeList } from '../support/inbox';
import { buildIntake } from '../support/factories';
import { recordVisit } from '../support/review';
import { monthOf } from '../../domain/months';

/**
 * The staff console in headless Chromium against the real API, worker, Temporal dev server and PostgreSQL:
 * a clerk opens a case and finds it in the township's list, the departments complete it, a reviewer finds it in the
 * decision queue and decides, a supervisor sees a breached clock; the work lists are read a page at a time.
 */
describe('staff console in a browser', () => {
  const session = useConsoleSession();
  const { pageErrors, signedIn, clocksStarted } = session;
  let api: ApiHarness;
  let browser: Browser;
  let base: string;
  let caseNo: string;
  beforeAll(() => {
    ({ api, browser, base } = session);
  });

  test('when the console is loaded, then it comes from the API itself under helmet’s CSP, scripts from self only', async () => {
    const res = await fetch(`${base}/console/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/https?:\/\//); // no CDN
    expect((await fetch(`${base}/console/console.js`)).headers.get('content-type')).toContain('javascript');
  });

  test('when a token is wrong, then sign-in says so; when a window clerk signs in, then only the window’s pages are offered', async () => {
    const { page, errors } = await browser.newPage();
    pageErrors.push(errors);
    await page.goto(`${base}/console/`);
    await page.getByLabel('访问令牌').fill('odt_not-a-token');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('令牌无效或已过期');
    await browser.screenshot(page, '01-sign-in');
    // Keyboard only: type the token and press Enter.
    await page.getByLabel('访问令牌').fill(api.tokens.window);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '受理申请' }).waitFor();
    const menu = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(menu).toEqual(['受理窗口', '本乡镇案件', '主动发现线索']);
    // A page of another role is not shown: the console sends the clerk home.
    await page.goto(`${base}/console/#/supervision`);
    await page.getByRole('heading', { name: '受理申请' }).waitFor();
    expect(page.url()).toMatch(/#\/window$/);
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('访问令牌').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.close();
  });

  test('when a clerk types a wrong check digit, then the field says so as typed; when the case is opened, then the receipt and the materials notice name its number', async () => {
    const page = await signedIn(api.tokens.window);
    await page.getByLabel('姓名').fill('张秀英');
    const idNumber = page.getByLabel('身份证号');
    await idNumber.fill('110105194912310021');
    const problem = page.locator('[data-path="applicant.idNumber"]');
    await expect(problem.textContent()).resolves.toBe('身份证号校验位错误');
    expect(await idNumber.getAttribute('aria-invalid')).toBe('true');
    // Submitting now names every missing field at once (the needs too), and sends nothing.
    await page.getByRole('button', { name: '受理并生成告知书' }).click();
    await page.locator('[data-path="needs"]').waitFor();
    await browser.screenshot(page, '02-window-errors');
    expect(await unlabelledFields(page)).toEqual([]);

    await idNumber.fill('11010519491231002X');
    await problem.waitFor({ state: 'detached' });
    await page.getByLabel('联系电话（选填）').fill('13805361234');
    await page.getByRole('button', { name: '＋ 添加家庭成员' }).click();
    await page.locator('#f-household-members-0-name').fill('李小明');
    await page.locator('#f-household-members-0-idNumber').fill('370725201009150014');
    await page.getByLabel('支出型临时救助').check();
    await page.getByLabel('教育救助').check();
    await page.getByRole('button', { name: '受理并生成告知书' }).click();

    caseNo = (await page.getByTestId('case-no').textContent())!;
    expect(caseNo).toMatch(/^\d{8}-\d{6}$/);
    const notice = page.locator('.doc-notice');
    await expect(notice.textContent()).resolves.toContain(caseNo);
    await expect(notice.locator('.materials li').allTextContents()).resolves.toContain('在读证明或录取通知书');
    await expect(page.locator('.doc-receipt').textContent()).resolves.toContain('县教育局');
    await browser.screenshot(page, '03-window-receipt');
    // Printing the notice prints that paper alone (no menu, no receipt).
    await page.evaluate('window.print = () => {}');
    await page.getByRole('button', { name: '打印一次性告知书' }).click();
    await page.emulateMedia({ media: 'print' });
    expect([await notice.isVisible(), await page.locator('.doc-receipt').isVisible(), await page.locator('header.top').isVisible()]).toEqual([true, false, false]);
    await page.emulateMedia({ media: 'screen' });
    // The case is really there, as typed.
    const { body } = await api.as('window').get(`/api/v1/cases/${caseNo}`).expect(200);
    expect(body.applicant).toEqual({ name: '张秀英', idNumber: '11010519491231002X' });
    await page.close();
  });

  test('when the clerk opens the township’s case list, then the case just opened is there, the filters narrow it, and its number opens the case page', async () => {
    await clocksStarted(caseNo, 'approval');
    const page = await signedIn(api.tokens.window, '/window/cases');
    const row = page.locator(`tr[data-case="${caseNo}"]`);
    await pagedTo(page, row);
    await expect(row.textContent()).resolves.toContain('张秀英');
    await page.getByLabel('救助需求').selectOption('education');
    await page.getByLabel('时限状态').selectOption('on_track');
    await pagedTo(page, row);
    expect(await page.locator('tr[data-case]').evaluateAll((rows) => rows.every((r) => r.textContent!.includes('教育救助')))).toBe(true);
    await page.getByLabel('阶段').selectOption('closed');
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('阶段').selectOption('');
    await pagedTo(page, row);
    await expect(row.locator('.badge').textContent()).resolves.toBe('正常');
    expect(await row.getAttribute('class')).toBe('sla-row-on_track');
    await browser.screenshot(page, '12-township-cases');
    expect(await unlabelledFields(page)).toEqual([]);
    await row.getByRole('link', { name: caseNo }).click();
    await page.getByRole('heading', { name: new RegExp(caseNo) }).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/cases/${caseNo}$`));
    await page.close();
  });

  test('when the reviewer decides before the departments have answered, then the API’s refusal is shown', async () => {
    await clocksStarted(caseNo, 'approval');
    const page = await signedIn(api.tokens.township_reviewer, `/review/${caseNo}`);
    await page.getByLabel('理由').fill('医疗支出超过家庭承受能力');
    await page.getByRole('button', { name: '提交决定' }).click();
    const refusal = page.locator('.review-case .banner.error');
    await refusal.waitFor();
    expect(await refusal.locator('.code').textContent()).toMatch(/^[a-z_]+$/);
    await page.close();
  });

  test('when each department completes its referral from its inbox, then it leaves the open list', async () => {
    await clocksStarted(caseNo, 'referral:education', 'referral:civil_affairs');
    for (const department of ['education', 'civil_affairs'] as DepartmentCode[]) {
      const page = await signedIn(api.tokens.department(department));
      const row = page.locator(`tr[data-referral="${caseNo}-${department}"]`);
      await pagedTo(page, row);
      await expect(row.locator('.badge').textContent()).resolves.toBe('正常');
      await row.getByRole('button', { name: '办结' }).click();
      for (const measure of department === 'education' ? ['学费减免', '发放助学金'] : ['发放临时救助金']) await page.getByLabel(measure).check();
      if (department === 'education') {
        await browser.screenshot(page, '04-department-inbox');
        expect(await unlabelledFields(page)).toEqual([]);
      }
      await page.getByRole('button', { name: '确认办结' }).click();
      await row.waitFor({ state: 'detached' });
      await page.close();
    }
    const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
    expect(body.referrals.map((r: { status: string }) => r.status)).toEqual(['completed', 'completed']);
  });

  test('when the reviewer approves with a reason, then the case records the decision and closes', async () => {
    await eventually(async () => {
      const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      expect(body.stage).toBe('approval');
    }, 60_000);
    // The township's reviewer (the county left 临时救助 to the township) lands on the decision queue and finds the case there.
    const page = await signedIn(api.tokens.township_reviewer);
    const queued = page.locator(`tr[data-case="${caseNo}"]`);
    await pagedTo(page, queued);
    await expect(queued.textContent()).resolves.toContain('待审批');
    await browser.screenshot(page, '13-review-queue');
    await queued.getByRole('link', { name: caseNo }).click();
    expect(page.url()).toMatch(new RegExp(`#/review/${caseNo}$`));
    await expect(page.locator('.review-case').textContent()).resolves.toContain('学费减免、发放助学金');
    await page.getByLabel('理由').fill('医疗支出超过家庭承受能力');
    await browser.screenshot(page, '05-review');
    expect(await unlabelledFields(page)).toEqual([]);
    await page.getByRole('button', { name: '提交决定' }).click();
    await expect(page.getByTestId('decision').textContent()).resolves.toContain('批准');
    const closed = await eventually(async () => {
      const { body } = await api.as('reviewer').get(`/api/v1/cases/${caseNo}`).expect(200);
      expect(body.stage).toBe('closed');
      return body;
    }, 60_000);
    expect(closed.decision.decision).toBe('approve');

    await page.goto(`${base}/console/#/cases/${caseNo}`);
    await page.locator('li.clock[data-clock="approval"]').waitFor();
    await expect(page.locator('.timeline').textContent()).resolves.toContain('审批决定');
    await browser.screenshot(page, '06-case-closed');
    await page.close();
  });

  test('when the township’s reviewer approves a 低保 case after the home visit, then the form asks for the amount and first month, and the case goes to public notice', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao'] })).expect(201);
    const dibao = opened.caseNo as string;
    await eventually(() => api.asDepartment('civil_affairs').post(`/api/v1/referrals/${dibao}-civil_affairs/complete`).send({ outcome: 'granted', measures: ['dibao_included'] }).expect(200));
    await recordVisit(api, dibao);
    await eventually(async () => expect((await api.as('reviewer').get(`/api/v1/cases/${dibao}`).expect(200)).body.stage).toBe('approval'), 60_000);

    const page = await signedIn(api.tokens.township_reviewer, `/review/${dibao}`);
    await page.getByLabel('理由', { exact: true }).fill('家庭人均收入低于当地低保标准');
    await page.getByRole('button', { name: '提交决定' }).click();
    // Without the terms the API names both fields, and the form shows it at each.
    await page.getByText('批准低保、特困须写明月救助金额和起始月份').first().waitFor();
    await page.getByLabel('月救助金额（元）').fill('1200');
    await page.getByLabel('起始月份').fill(monthOf(new Date()));
    expect(await unlabelledFields(page)).toEqual([]);
    await page.getByRole('button', { name: '提交决定' }).click();
    await page.getByText('拟批准决定正在公示').waitFor();
    const { body } = await api.as('township_reviewer').get(`/api/v1/cases/${dibao}/notices`).expect(200);
    expect(body.items).toEqual([expect.objectContaining({ round: 1, status: 'open', monthlyAmountYuan: 1200 })]);
    await page.close();
  });

  test('when a clock is breached, then the supervisor’s board shows it with a link to its workflow in the Temporal UI', async () => {
    const input = await storeCase(api.db, ['dibao', 'housing'], new Date(Date.now() - 20 * 86_400_000));
    const { searchAttributes } = await caseWorkflowStart(api.db, input.caseNo);
    await api.temporal.workflow.start('caseWorkflow', { workflowId: caseWorkflowId(input.caseNo), taskQueue: api.taskQueue, args: [input], typedSearchAttributes: searchAttributes });
    await eventually(async () => {
      const { body } = await api.as('admin').get('/api/v1/admin/overdue').expect(200);
      expect(body.items.filter((i: { caseNo: string; sla: string }) => i.caseNo === input.caseNo && i.sla === 'breached').length).toBeGreaterThanOrEqual(3);
    }, 60_000);

    const page = await signedIn(api.tokens.admin);
    expect(page.url()).toMatch(/#\/supervision$/);
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['超时督办', '月报告', '部门待办', '节假日安排']);
    const row = page.locator(`tr[data-clock="${input.caseNo}/approval"]`);
    await pagedTo(page, row);
    await expect(row.locator('.badge').textContent()).resolves.toBe('已超时');
    const link = await row.locator('a.temporal-link').getAttribute('href');
    expect(link).toBe(`http://localhost:8233/namespaces/default/workflows?query=${encodeURIComponent(`WorkflowId="case-${input.caseNo}"`)}`);
    const referralLink = await page.locator(`tr[data-clock="${input.caseNo}/referral:housing"] a.temporal-link`).getAttribute('href');
    expect(decodeURIComponent(referralLink!)).toContain(`WorkflowId="case-${input.caseNo}-housing"`);
    await browser.screenshot(page, '07-supervision');

    await row.getByRole('link', { name: input.caseNo }).click();
    const bar = page.locator('li.clock[data-clock="approval"]');
    await bar.locator('.bar.overrun').waitFor();
    await browser.screenshot(page, '08-case-breached');
    await page.close();
  });

  test('when the window records first aid and pauses a clock from the case page, then the limits are checked as typed and the clocks show it', async () => {
    const { body: opened } = await api
      .as('window')
      .post('/api/v1/cases')
      .send(buildIntake({ needs: ['temporary_emergency', 'dibao'], emergency: { description: '房屋失火', requestedAmountYuan: 2000 } }))
      .expect(201);
    await clocksStarted(opened.caseNo, 'emergency_aid', 'approval');
    const page = await signedIn(api.tokens.window, `/cases/${opened.caseNo}`);
    const amount = page.getByLabel('先行救助金额（元）');
    await amount.fill('10.005');
    await expect(page.locator('[data-path="amountYuan"]').textContent()).resolves.toContain('两位小数');
    // Above the township's 3000 yuan the API asks why the county should give more.
    await amount.fill('5000');
    await page.getByRole('button', { name: '登记先行救助' }).click();
    await expect(page.locator('[data-path="reason"]').textContent()).resolves.toContain('3000');
    await amount.fill('2000');
    await page.getByRole('button', { name: '登记先行救助' }).click();
    await page.locator('li.clock[data-clock="emergency_paperwork"]').waitFor();
    await expect(page.locator('li.clock[data-clock="emergency_aid"] .badge').first().textContent()).resolves.toBe('已办结');

    await page.getByLabel('时限', { exact: true }).selectOption('approval');
    await page.getByLabel('理由').fill('申请人需补交收入证明');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('li.clock[data-clock="approval"] .badge.paused').waitFor();
    await expect(page.locator('.timeline').textContent()).resolves.toContain('申请人需补交收入证明');
    await browser.screenshot(page, '09-case-actions');
    expect(await unlabelledFields(page)).toEqual([]);
    await page.close();
  });

  test('when the administrator loads a year’s arrangement, then a bad line is named before sending and the loaded days are shown', async () => {
    const page = await signedIn(api.tokens.admin, '/calendar');
    // This year's arrangement first: the page has settled before the year is changed.
    await page.getByTestId('calendar-source').waitFor();
    const year = page.getByLabel('年份');
    await year.fill('2096');
    await year.press('Enter');
    // An unpublished year: its statutory days, provisional.
    await page.getByTestId('calendar-source').filter({ hasText: '暂定' }).waitFor();
    await page.getByLabel('依据（通知名称）').fill('国务院办公厅关于2096年部分节假日安排的通知');
    const days = page.getByLabel('每行一天：日期 放假/上班 节日');
    await days.fill('2096-01-01 放假 元旦\n2096-13-02 上班 春节');
    await expect(page.locator('[data-path="days"]').textContent()).resolves.toMatch(/^第2行/);
    await days.fill('2096-01-01 放假 元旦\n2096-01-03 上班 元旦');
    await page.getByRole('button', { name: '载入' }).click();
    await expect(page.getByTestId('retimed').textContent()).resolves.toContain('重新计算了 0 个工作流');
    await expect(page.locator('tr[data-date="2096-01-03"]').textContent()).resolves.toContain('调休上班');
    await expect(page.getByTestId('calendar-source').textContent()).resolves.toBe('国务院办公厅关于2096年部分节假日安排的通知');
    await browser.screenshot(page, '10-calendar');
    expect(await unlabelledFields(page)).toEqual([]);
    await page.close();
  });

  test('when English is chosen, then the console speaks English and the form’s errors too', async () => {
    const page = await signedIn(api.tokens.window);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Open a case' }).waitFor();
    await page.getByLabel('ID number').fill('110105194912310021');
    await expect(page.locator('[data-path="applicant.idNumber"]').textContent()).resolves.toBe('the check digit of the ID number is wrong');
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
  });

  test('when a list is longer than a page, then 加载更多 reads the next pages through nextCursor until the last, each row once', async () => {
    const opened: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake()).expect(201);
      opened.push(body.caseNo);
    }
    for (const no of opened) await clocksStarted(no, 'referral:medical');

    /** Clicks 加载更多 until it is gone; answers the rows' keys, in the order shown. */
    const readToTheEnd = async (page: Page, rows: string, key: string) => {
      const shown = page.locator(rows);
      await shown.first().waitFor();
      expect(await shown.count()).toBe(2);
      const more = page.getByRole('button', { name: '加载更多' });
      while (await more.isVisible()) {
        const before = await shown.count();
        await more.click();
        await shown.nth(before).waitFor();
      }
      return shown.evaluateAll((els, k) => els.map((e) => e.getAttribute(k)!), key);
    };

    const clerk = await signedIn(api.tokens.window, '/window/cases', '?pageSize=2');
    const cases = await readToTheEnd(clerk, 'tr[data-case]', 'data-case');
    const allCases = await wholeList<{ caseNo: string }>((query) => api.as('window').get('/api/v1/cases').query(query));
    expect(cases.length).toBeGreaterThan(4);
    expect(new Set(cases).size).toBe(cases.length);
    expect([...cases].sort()).toEqual(allCases.map((c) => c.caseNo).sort());
    expect(cases).toEqual(expect.arrayContaining(opened));
    await expect(clerk.getByTestId('list-count').textContent()).resolves.toBe(`已显示 ${cases.length} / 共 ${allCases.length} 条`);
    await clerk.close();

    const inbox = await signedIn(api.tokens.department('medical'), '/inbox', '?pageSize=2');
    const referrals = await readToTheEnd(inbox, 'tr[data-referral]', 'data-referral');
    const allReferrals = await wholeList<{ id: string }>((query) => api.asDepartment('medical').get('/api/v1/departments/medical/referrals').query(query));
    expect(referrals).toEqual(allReferrals.map((r) => r.id));
    expect(referrals).toEqual(expect.arrayContaining(opened.map((no) => `${no}-medical`)));
    await inbox.close();

    const board = await signedIn(api.tokens.admin, '/supervision', '?pageSize=2');
    const clocks = await readToTheEnd(board, 'tr[data-clock]', 'data-clock');
    const allOverdue = await wholeList<{ caseNo: string; clock: string }>((query) => api.as('admin').get('/api/v1/admin/overdue').query(query));
    expect(clocks.length).toBeGreaterThanOrEqual(3);
    expect(clocks).toEqual(allOverdue.map((i) => `${i.caseNo}/${i.clock}`));
    await board.close();
  });

  test('when the token is revoked mid-session, then the next call takes the console back to sign-in', async () => {
    const page = await signedIn(api.tokens.department('medical'));
    await page.getByRole('heading', { name: /部门待办/ }).waitFor();
    const staff = await findStaffByUsername(api.db, 'dept.medical');
    await revokeStaffTokens(api.db, staff!.id);
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByLabel('访问令牌').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.close();
  });

  test('when the pages were used, then no script error and no CSP violation occurred', () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
