import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { TICKET_STATUS_TEXT } from '../libs/tickets/src';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { call, login } from './support/staff-client';
import { waitFor } from './support/wait-for';

const PASSWORD = 'wenzheng-demo';
const REPLY = '您好：经核查，小区换热站循环泵故障，供热公司已于10月9日更换，室温已恢复到18度以上。感谢您的监督。';

interface Receipt {
  trackingNo: string;
  queryCode: string;
}

/**
 * The staff console (工作台) in a real headless Chromium at 1366×768, against the in-process hub with its worker:
 * a citizen's message is routed to 市城乡建设局, its handler claims and answers it, its reviewer approves it, and the
 * citizen reads the reply on the status page (no JavaScript) and rates it.
 */
describe('staff console in a browser', () => {
  // Tuesday 2026-09-29 10:00 in Shanghai: a complaint is due on Monday 10/26, 15 working days later (National Day skipped).
  const time = new FixedTime(new Date('2026-09-29T10:00:00+08:00'));
  let hub: InProcessHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    hub = await startInProcessHub({ time });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  // A fresh browser profile per test: no session left over from another test.
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  const submitMessage = async (title: string, body: string): Promise<Receipt> => {
    const response = await fetch(`${hub.baseUrl}/api/v1/portal/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, body, kind: 'complaint', publicConsent: true, name: '张三', phone: '13812345678' }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Receipt;
  };

  const citizenStatus = async ({ trackingNo, queryCode }: Receipt) =>
    (await (await fetch(`${hub.baseUrl}/api/v1/portal/messages/${trackingNo}?code=${queryCode}`)).json()) as { status: string; leadUnit: string | null };

  const logIn = async (username: string) => {
    await page.goto(`${hub.baseUrl}/console/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('user-name').waitFor({ state: 'visible' });
  };

  const logOut = async () => {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
  };

  const rowOf = (trackingNo: string) => page.locator(`[data-testid="inbox-row"][data-tracking-no="${trackingNo}"]`);
  /** Waits for the detail to show `status`; on failure the error carries what the console told the user. */
  const statusIs = async (status: string) => {
    try {
      await page.locator(`[data-testid="ticket-status"][data-status="${status}"]`).waitFor();
    } catch (error) {
      throw new Error(`the ticket did not reach ${status}; the console says: ${await page.getByTestId('message').textContent()}\n${String(error)}`);
    }
  };

  it('redirects /console to the console', async () => {
    const response = await fetch(`${hub.baseUrl}/console`, { redirect: 'manual' });
    expect(response.status).toBeGreaterThanOrEqual(301);
    expect(response.status).toBeLessThanOrEqual(308);
    expect(response.headers.get('location')).toBe('/console/');
  });

  it('refuses a wrong password, then too many, with a message on the form', async () => {
    await page.goto(`${hub.baseUrl}/console/`);
    const error = page.getByTestId('login-error');
    await page.getByLabel('用户名').fill('pingdu-civil-affairs.reviewer');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await error.getByText('用户名或密码错误。').waitFor();
    expect(await page.getByTestId('user-name').isVisible()).toBe(false);
    // The account locks after 5 failures (LOGIN_MAX_FAILURES_PER_ACCOUNT) for 15 minutes.
    for (let attempt = 2; attempt <= 6; attempt++) {
      await page.getByLabel('密码').fill('not-the-password');
      await page.getByRole('button', { name: '登录' }).click();
      await waitFor(`the answer to login attempt ${attempt}`, async () => (await page.getByTestId('login-submit').isEnabled()) && Boolean(await error.textContent()));
    }
    expect(await error.textContent()).toBe('登录失败次数过多，请 15 分钟后再试。');
  });

  it('takes a message from the inbox to the citizen: claim, reply, approve, deliver, rate', async () => {
    const receipt = await submitMessage('小区供暖不热', '我家小区今年供暖温度一直不达标，室内只有14度，物业推诿。');
    const routed = await waitFor('the message to be routed', async () => {
      const status = await citizenStatus(receipt);
      return status.status === 'assigned' ? status : undefined;
    });
    expect(routed.leadUnit).toBe('市城乡建设局');

    // 承办人: the ticket is in the inbox with its countdown.
    await logIn('pingdu-construction.handler');
    expect(await page.getByTestId('user-unit').textContent()).toBe('市城乡建设局');
    expect(await page.getByTestId('user-roles').textContent()).toBe('承办人');
    const row = rowOf(receipt.trackingNo);
    await row.waitFor();
    expect(await row.getByTestId('countdown').textContent()).toBe('剩余 15 个工作日');
    expect(await row.textContent()).toContain('小区供暖不热');
    expect(await row.textContent()).toContain('市城乡建设局');
    expect(await row.textContent()).toContain('待签收');
    expect(await page.getByTestId('tab-review').count()).toBe(0);
    await page.screenshot({ path: '/tmp/console-inbox.png' });

    // Open it, claim it, answer it.
    await row.getByRole('link', { name: '小区供暖不热' }).click();
    await page.getByTestId('ticket-detail').waitFor();
    expect(await page.getByTestId('message-body').textContent()).toContain('室内只有14度');
    expect(await page.getByTestId('lead-unit').textContent()).toBe('市城乡建设局');
    expect(await page.getByTestId('action-approve').count()).toBe(0);
    await page.getByTestId('action-claim').click();
    await statusIs('accepted');
    expect(await page.getByTestId('claimed-by').textContent()).not.toBe('未签收');
    await page.getByLabel('答复内容（审核通过后发送给来信人）').fill(REPLY);
    await page.getByTestId('action-draft').click();
    await page.getByTestId('reply-state').waitFor();
    expect(await page.getByTestId('reply-state').textContent()).toContain('草稿');
    await page.getByTestId('note-body').fill('已电话联系供热公司核实。');
    await page.getByTestId('action-note').click();
    await page.getByTestId('section-notes').getByText('已电话联系供热公司核实。').waitFor();
    await page.screenshot({ path: '/tmp/console-detail.png', fullPage: false });
    await page.getByTestId('action-submit').click();
    await statusIs('replied');
    expect(await page.getByTestId('reply-text').textContent()).toBe(REPLY);
    expect(await page.getByTestId('action-submit').count()).toBe(0);
    await logOut();

    // 审核人: 待审核 lists it; approve.
    await logIn('pingdu-construction.reviewer');
    await page.getByTestId('tab-review').click();
    await page.waitForURL(/status=replied/);
    await rowOf(receipt.trackingNo).getByRole('link').click();
    await page.getByTestId('action-approve').click();
    await statusIs('resolved');
    expect(await page.getByTestId('message').textContent()).toContain('已审核通过');
    await logOut();

    // The citizen reads the reply once the delivery job has run, on a page that needs no JavaScript.
    const statusUrl = `${hub.baseUrl}/portal/status?no=${receipt.trackingNo}&code=${receipt.queryCode}`;
    await waitFor('the reply to reach the status page', async () => (await (await fetch(statusUrl)).text()).includes('经核查'), { timeoutMs: 20_000, intervalMs: 300 });
    const citizen = await context.newPage();
    await citizen.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
    await citizen.goto(statusUrl);
    expect(await citizen.getByTestId('reply-body').textContent()).toBe(REPLY);
    expect(await citizen.getByTestId('status-text').textContent()).toBe(TICKET_STATUS_TEXT.resolved);
    await citizen.getByRole('group', { name: '服务态度' }).getByLabel('5 分').check();
    await citizen.getByRole('group', { name: '办理速度' }).getByLabel('4 分').check();
    await citizen.getByRole('group', { name: '问题是否解决' }).getByLabel('是').check();
    await citizen.getByLabel('意见（选填）').fill('谢谢');
    await citizen.getByRole('button', { name: '提交评价' }).click();
    await citizen.getByTestId('rating').waitFor();
    expect(citizen.url()).toBe(statusUrl);
    expect(await citizen.getByTestId('rating').textContent()).toContain('5 分（很满意）');
    expect(await citizen.getByTestId('rating-form').count()).toBe(0);
    await citizen.close();

    // A form sent by hand: bad input, then a second rating, are refused on the page, in Chinese.
    const rate = (fields: Record<string, string>) =>
      fetch(`${hub.baseUrl}/portal/status/rating`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ no: receipt.trackingNo, code: receipt.queryCode, ...fields }).toString(),
        redirect: 'manual',
      });
    const bad = await rate({ attitude: '9', speed: '4', resolved: 'true' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('评价未提交');
    const again = await rate({ attitude: '1', speed: '1', resolved: 'false' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('该诉求目前不能评价，或已经评价过。');
    expect((await rate({ code: 'WRONGCOD', attitude: '1', speed: '1', resolved: 'false' })).status).toBe(404);
  }, 120_000);

  it('keeps a ticket away from the handlers of another unit', async () => {
    const receipt = await submitMessage('小区物业乱收费', '我们小区物业公司今年把物业费涨了一倍，也没有业主委员会同意。');
    await waitFor('the message to be routed', async () => (await citizenStatus(receipt)).status === 'assigned');

    await logIn('pingdu-construction.handler');
    await rowOf(receipt.trackingNo).waitFor();
    const ticketUrl = await rowOf(receipt.trackingNo).getByRole('link').getAttribute('href');
    await logOut();

    await logIn('pingdu-education.handler');
    expect(await page.getByTestId('user-unit').textContent()).toBe('市教体局');
    await page.getByLabel('搜索').fill(receipt.trackingNo);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('inbox-empty').waitFor();
    expect(await rowOf(receipt.trackingNo).count()).toBe(0);
    // Even with the address of the ticket, another unit sees "not found", never the message.
    await page.goto(`${hub.baseUrl}/console/${ticketUrl}`);
    await page.getByTestId('message').getByText('工单不存在或不在本单位办理范围内', { exact: false }).waitFor();
    expect(await page.getByTestId('ticket-detail').count()).toBe(0);
    await logOut();
  }, 60_000);

  it('answers the status page lookup form, and 404 in Chinese for a wrong code', async () => {
    const receipt = await submitMessage('暖气不热', '小区暖气片一直是凉的，打电话给供热公司没人管。');
    const lookup = await context.newPage();
    await lookup.goto(`${hub.baseUrl}/portal/status`);
    await lookup.getByLabel('受理编号').fill(receipt.trackingNo);
    await lookup.getByLabel('查询码').fill(receipt.queryCode);
    await lookup.getByRole('button', { name: '查询' }).click();
    await lookup.getByTestId('status-text').waitFor();
    expect(await lookup.getByRole('heading', { level: 1 }).textContent()).toBe('诉求办理进度');

    const wrong = await fetch(`${hub.baseUrl}/portal/status?no=${receipt.trackingNo}&code=WRONGCOD`);
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await wrong.text()).toContain('没有找到与该受理编号和查询码对应的诉求');
    await lookup.close();
  });

  it('lets a dispatcher assign, an assisting unit give its opinion, a reviewer decide an extension and send a reply back', async () => {
    const receipt = await submitMessage('一点想法', '希望我们的城市越来越好，谢谢各位领导的辛勤付出。');
    await waitFor('the message to wait for dispatch', async () => (await citizenStatus(receipt)).status === 'dispatching');

    // 派单员: 待派单 lists it; assign 城乡建设 with 教体 assisting.
    await logIn('pingdu-office.dispatcher');
    await page.getByTestId('tab-dispatch').click();
    await page.waitForURL(/status=dispatching/);
    await rowOf(receipt.trackingNo).getByRole('link').click();
    await page.getByTestId('open-assign').locator('summary').click();
    await page.getByLabel('主办单位').selectOption({ label: '市城乡建设局' });
    await page.getByRole('group', { name: '协办单位（可多选）' }).getByLabel('市教体局').check();
    await page.getByTestId('action-assign').click();
    await statusIs('assigned');
    expect(await page.getByTestId('lead-unit').textContent()).toBe('市城乡建设局');
    await logOut();

    // 协办: the assisting unit sees it, marked, and adds its opinion; it cannot claim or reply.
    await logIn('pingdu-education.handler');
    const assisting = rowOf(receipt.trackingNo);
    await assisting.waitFor();
    expect(await assisting.getByText('协办', { exact: true }).count()).toBe(1);
    await assisting.getByRole('link').click();
    await page.getByTestId('ticket-detail').waitFor();
    expect(await page.getByTestId('action-claim').count()).toBe(0);
    await page.getByTestId('opinion-body').fill('建议结合城市文明创建工作一并答复。');
    await page.getByTestId('action-opinion').click();
    await page.getByTestId('section-opinions').getByText('建议结合城市文明创建工作一并答复。').waitFor();
    await logOut();

    // 主办 handler: claim, ask for 3 more working days, submit a reply.
    await logIn('pingdu-construction.handler');
    await rowOf(receipt.trackingNo).getByRole('link').click();
    await page.getByTestId('action-claim').click();
    await statusIs('accepted');
    await page.getByTestId('open-request-extension').locator('summary').click();
    await page.getByLabel('延长工作日数').fill('3');
    await page.getByLabel('延期理由').fill('需征求多个部门意见。');
    await page.getByTestId('action-request-extension').click();
    await page.getByTestId('extension').getByText('待审批').waitFor();
    await page.getByLabel('答复内容（审核通过后发送给来信人）').fill('感谢您的建议。');
    await page.getByTestId('action-submit').click();
    await statusIs('replied');
    await logOut();

    // 审核人: approve the extension, send the reply back with a comment.
    await logIn('pingdu-construction.reviewer');
    await page.getByTestId('tab-review').click();
    await page.waitForURL(/status=replied/);
    await rowOf(receipt.trackingNo).getByRole('link').click();
    await page.getByTestId('action-approve-extension').click();
    await page.getByTestId('extension').getByText('已批准').waitFor();
    await page.getByTestId('action-reject').click();
    expect(await page.getByTestId('message').textContent()).toBe('退回修改须填写审核意见。');
    await page.getByLabel('审核意见（退回修改时必填）').fill('请写明下一步工作安排。');
    await page.getByTestId('action-reject').click();
    await statusIs('accepted');
    await logOut();

    // The handler finds the reviewer's comment beside the reply to rework.
    await logIn('pingdu-construction.handler');
    await rowOf(receipt.trackingNo).getByRole('link').click();
    await page.getByTestId('review-comment-shown').waitFor();
    expect(await page.getByTestId('review-comment-shown').textContent()).toBe('审核意见：请写明下一步工作安排。');
    expect(await page.getByTestId('reply-body').inputValue()).toBe('感谢您的建议。');
  }, 120_000);

  it("shows a dispatcher the router's three suggestions with their probabilities, picks one in a click, and the routing figures", async () => {
    const receipt = await submitMessage('反映情况', '你好，我想反映一个情况，希望有关部门尽快处理，谢谢。');
    await waitFor('the message to wait for dispatch', async () => (await citizenStatus(receipt)).status === 'dispatching');
    await logIn('pingdu-office.dispatcher');
    await page.goto(`${hub.baseUrl}/console/#/inbox?status=dispatching`);
    await rowOf(receipt.trackingNo).getByRole('link').click();
    expect(await page.getByTestId('routing-basis').textContent()).toMatch(/^模型把握不足，待人工派单：low-confidence/);
    expect(await page.getByTestId('category').textContent()).toMatch(/^\S+（\d+%）$/);
    await page.getByTestId('open-assign').locator('summary').click();
    const suggestions = page.getByTestId('routing-suggestion');
    expect(await suggestions.count()).toBe(3);
    expect(await suggestions.first().textContent()).toMatch(/^市\S+（\d+%）$/);
    // The unit list loads after the form appears: wait for it before picking.
    await page.getByLabel('主办单位').locator('option[value="pingdu-construction"]').waitFor({ state: 'attached' });
    const first = await suggestions.first().getAttribute('data-unit');
    await suggestions.first().click();
    expect(await page.getByLabel('主办单位').inputValue()).toBe(first);
    await page.getByTestId('action-assign').click();
    await statusIs('assigned');

    await page.goto(`${hub.baseUrl}/console/#/inbox`);
    await page.getByTestId('tab-routing-figures').click();
    await page.getByTestId('routing-overall').waitFor();
    // The hub's clock stands in September 2026; the form defaults to the browser's last 30 days.
    await page.getByLabel('开始日期').fill('2026-09-01');
    await page.getByLabel('结束日期').fill('2026-10-31');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/from=2026-09-01/);
    await page.getByTestId('routing-overall').filter({ hasNotText: '共分派 0 件' }).waitFor();
    expect(await page.getByTestId('routing-overall').textContent()).toMatch(/^共分派 \d+ 件：目录规则 \d+ 件，模型 \d+ 件，转人工派单 [1-9]\d* 件；自动分派率 \d+\.\d%。$/);
    expect(await page.getByTestId('routing-units').locator('tbody tr').count()).toBeGreaterThan(0);
  });

  it("offers a dispatcher the monitor's 并单 suggestion for a near-copy, filled in with one click", async () => {
    const text = '我们小区东门外的下水道井盖已经丢失一个星期了，晚上路过的老人和孩子很容易掉进去，请有关部门尽快处理。';
    const original = await submitMessage('井盖丢失', text);
    // The copy is the later one only once the monitor has seen the original (jobs may run in any order).
    await waitFor('the monitor to see the original', async () => {
      const rows = await hub.dataSource.query(
        `SELECT 1 FROM monitor_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.tracking_no = $1`,
        [original.trackingNo],
      );
      return rows.length > 0;
    });
    const copy = await submitMessage('井盖丢失（再次反映）', `领导您好！${text}`);
    const dispatcher = await login(hub.baseUrl, 'pingdu-office.dispatcher');
    const [{ id: copyId }] = await hub.dataSource.query(`SELECT id FROM tickets WHERE tracking_no = $1`, [copy.trackingNo]);
    await waitFor('the monitor to propose the merge', async () => {
      const found = await call(hub.baseUrl, 'GET', `/api/v1/staff/tickets/${copyId}/merge-suggestion`, { token: dispatcher });
      return found.body?.into?.trackingNo === original.trackingNo;
    });
    await waitFor('the copy to be routed', async () => ['assigned', 'dispatching'].includes((await citizenStatus(copy)).status));

    await logIn('pingdu-office.dispatcher');
    await page.goto(`${hub.baseUrl}/console/#/tickets/${copyId}`);
    await page.getByTestId('open-merge').locator('summary').click();
    const suggestion = page.getByTestId('merge-suggestion');
    await suggestion.getByTestId('use-merge-suggestion').waitFor();
    expect(await suggestion.textContent()).toContain(`本件与 ${original.trackingNo}「井盖丢失」内容相近`);
    await suggestion.getByTestId('use-merge-suggestion').click();
    expect(await page.getByTestId('merge-into').inputValue()).toBe(original.trackingNo);
    await page.getByTestId('action-merge').click();
    await statusIs('merged');
  });

  it('shows the notices (站内通知) with the unread count: an extension request reaches a dispatcher, who opens the ticket and marks it read', async () => {
    const receipt = await submitMessage('暖气管道漏水', '我家楼上的暖气管道漏水，供热公司一直没人来修，天花板都泡坏了。');
    await waitFor('the message to be routed', async () => (await citizenStatus(receipt)).status === 'assigned');

    // The handler asks for 4 more working days through the API: every dispatcher unit gets "延期申请：工单 …".
    const staff = async (username: string, method: string, path: string, body?: unknown) =>
      call(hub.baseUrl, method, `/api/v1/staff${path}`, { token: await login(hub.baseUrl, username), body });
    const found = await staff('pingdu-construction.handler', 'GET', `/tickets?q=${receipt.trackingNo}`);
    const ticketId: string = found.body.items[0].id;
    const asked = await staff('pingdu-construction.handler', 'POST', `/tickets/${ticketId}/extensions`, { length: 4, reason: '需协调供热公司现场检修。' });
    expect(asked.status).toBe(200);
    const dispatcher = 'pingdu-big-data.dispatcher';
    const unread = (await staff(dispatcher, 'GET', '/notifications?unread=true&limit=200')).body as { id: string; title: string; createdAt: string }[];
    const notice = unread.find((n) => n.title === `延期申请：工单 ${receipt.trackingNo}`);
    expect(notice).toBeDefined();
    const count = unread.length;
    const countLink = (n: number) => page.getByRole('link', { name: n ? `通知（${n}）` : '通知', exact: true });

    // The header shows the count in words as soon as the inbox loads.
    await logIn(dispatcher);
    await countLink(count).waitFor();
    expect(await page.getByTestId('notice-link').getAttribute('data-count')).toBe(String(count));
    await countLink(count).click();
    await page.waitForURL(/#\/notifications$/);
    await page.getByRole('heading', { level: 1, name: '站内通知' }).waitFor();
    expect(await page.title()).toBe('站内通知 - 承办单位工作台');
    expect(await page.getByTestId('notice-link').getAttribute('aria-current')).toBe('page');

    const item = page.locator(`[data-testid="notice"][data-notice-id="${notice!.id}"]`);
    await item.waitFor();
    expect(await item.getByRole('heading', { level: 2 }).textContent()).toBe(`延期申请：工单 ${receipt.trackingNo}`);
    expect(await item.getByTestId('notice-body').textContent()).toBe('申请延期 4 个工作日：需协调供热公司现场检修。');
    expect(await item.getByTestId('notice-state').textContent()).toBe('未读');
    expect(await item.getAttribute('data-read')).toBe('false');
    expect(await item.textContent()).toContain('延期申请 · 发给派单员');
    // The time is Shanghai's wall clock (UTC+8, no daylight saving), whatever the zone of the browser.
    const shanghai = new Date(new Date(notice!.createdAt).getTime() + 8 * 3600_000).toISOString();
    const wallClock = `${shanghai.slice(0, 10).replace(/-/g, '/')} ${shanghai.slice(11, 16)}`;
    expect(await item.getByTestId('notice-time').textContent()).toBe(wallClock);
    expect(await page.getByTestId('notice').count()).toBeGreaterThanOrEqual(count);

    // "查看工单" opens the ticket the notice is about, with the request waiting for a decision.
    await item.getByRole('link', { name: '查看工单' }).click();
    await page.locator(`[data-testid="ticket-detail"][data-ticket-id="${ticketId}"]`).waitFor();
    expect(await page.getByTestId('ticket-tracking-no').textContent()).toBe(`受理编号 ${receipt.trackingNo}`);
    await page.getByTestId('extension').getByText('待审批').waitFor();
    expect(await countLink(count).count()).toBe(1);

    // Back to the list; mark it read from the keyboard: it stays in place, muted, and the count goes down.
    await page.goBack();
    await item.waitFor();
    await item.getByRole('button', { name: '标为已读' }).focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="notice"][data-notice-id="${notice!.id}"][data-read="true"]`).waitFor();
    expect(await item.getByTestId('notice-state').textContent()).toBe('已读');
    expect(await item.getByRole('button', { name: '标为已读' }).count()).toBe(0);
    expect(await item.getAttribute('class')).toContain('read');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(`延期申请：工单 ${receipt.trackingNo}`);
    expect(await page.getByTestId('message').textContent()).toBe(`已标为已读：延期申请：工单 ${receipt.trackingNo}`);
    await countLink(count - 1).waitFor();
    const after = (await staff(dispatcher, 'GET', '/notifications?unread=true&limit=200')).body as { id: string }[];
    expect(after.map((n) => n.id)).not.toContain(notice!.id);
    await page.screenshot({ path: '/tmp/console-notices.png' });

    // 只看未读 no longer lists it.
    await page.getByTestId('notices-unread').click();
    await page.waitForURL(/unread=true/);
    // The list shown before the click stays until the filtered one replaces it: wait for the notice to leave.
    await item.waitFor({ state: 'detached' });
    await page.locator('[data-testid="notices"], [data-testid="notices-empty"]').first().waitFor();
    expect(await item.count()).toBe(0);
    await logOut();
  }, 60_000);

  // Last: it moves the hub's clock past the deadlines of every ticket above.
  it('marks an overdue ticket in red with the working days it is late', async () => {
    const receipt = await submitMessage('小区停水三天', '我们小区自来水停水三天了，没有任何通知，老人孩子生活很不方便。');
    await waitFor('the message to be routed', async () => (await citizenStatus(receipt)).status === 'assigned');
    // Due Monday 10/26; Thursday 10/29 is three working days later.
    time.set(new Date('2026-10-29T10:00:00+08:00'));

    await logIn('pingdu-construction.handler');
    await page.getByLabel('只看已超期').check();
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/overdue=true/);
    const countdown = rowOf(receipt.trackingNo).getByTestId('countdown');
    await countdown.waitFor();
    expect(await countdown.textContent()).toBe('已超期 3 个工作日');
    expect(await countdown.getAttribute('class')).toContain('overdue');
    // An expression string: the test compiles without the DOM library.
    const color = await page.evaluate(`getComputedStyle(document.querySelector('[data-tracking-no="${receipt.trackingNo}"] [data-testid="countdown"]')).color`);
    expect(color).toBe('rgb(179, 38, 30)');
  });
});
