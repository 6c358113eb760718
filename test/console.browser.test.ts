import { existsSync } from 'node:fs';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { waitFor } from './support/wait-for';

const CHROMIUM = '/usr/bin/chromium';
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
    await waitFor('Chromium to be installed', async () => existsSync(CHROMIUM), { timeoutMs: 50_000, intervalMs: 1000 });
    hub = await startInProcessHub({ time });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
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

  it('refuses a wrong password with a message on the form', async () => {
    await page.goto(`${hub.baseUrl}/console/`);
    await page.getByLabel('用户名').fill('pingdu-construction.handler');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码错误。').waitFor();
    expect(await page.getByTestId('user-name').isVisible()).toBe(false);
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
    expect(await citizen.getByTestId('status-text').textContent()).toBe('已办结');
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
  }, 120_000);

  it('keeps a ticket away from the handlers of another unit', async () => {
    const receipt = await submitMessage('小区物业乱收费', '我们小区物业公司今年把物业费涨了一倍，也没有业主委员会同意。');
    await waitFor('the message to be routed', async () => (await citizenStatus(receipt)).status === 'assigned');

    await logIn('pingdu-construction.handler');
    await rowOf(receipt.trackingNo).waitFor();
    const ticketUrl = await rowOf(receipt.trackingNo).getByRole('link').getAttribute('href');
    await logOut();

    await logIn('pingdu-education.handler');
    expect(await page.getByTestId('user-unit').textContent()).toBe('市教育体育局');
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
});
