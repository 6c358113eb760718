import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { monitorStream } from '../libs/monitor/src/demo-stream';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { replayMonitored } from './support/monitor-replay';
import { WeiboPushClient } from './support/platform-push-client';
import { call, login } from './support/staff-client';
import { waitFor } from './support/wait-for';


/**
 * The monitor view of the staff console in headless Chromium: after a burst of 低保金 messages (and public Weibo
 * @mentions on it, pushed to the account's callback) the 网信办 sees the alert and the hot topic, acknowledges the
 * alert, reads the topic (terms, timeline, splits, the public posts) and opens a case, which then shows with its
 * 48-hour clock.
 */
const WEIBO_MENTIONS = [
  '@平度发布 我家的低保金这个月还没到账，问社区说等通知',
  '@平度发布 低保金拖了两个月没发，老人等着买药，请民政局尽快发放',
  // Another account reposts the second one: a copy.
  '大家帮忙转 @平度发布 低保金拖了两个月没发，老人等着买药，请民政局尽快发放',
];

describe('monitor view in a browser', () => {
  const START = Date.parse('2026-11-02T08:00:00+08:00');
  const time = new FixedTime(new Date(START));
  let hub: InProcessHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    hub = await startInProcessHub({ time });
    browser = await launchChromium();
    const stream = monitorStream({ seed: 4, start: START, hours: 5, backgroundEveryMinutes: 60, burst: { atHour: 4, count: 12, minutes: 40 } });
    await replayMonitored(hub, time, stream);
    const account = await call(hub.baseUrl, 'POST', '/api/v1/admin/channel-accounts', {
      token: await login(hub.baseUrl, 'admin'),
      body: { platform: 'weibo', name: '平度发布', appId: '3965328901', mode: 'push', credentials: { appSecret: 'weibo-secret', accessToken: 'weibo-token' } },
    });
    const weibo = new WeiboPushClient({ url: `${hub.baseUrl}${account.body.webhookPath}`, appSecret: 'weibo-secret', now: () => time.now().getTime() });
    for (const [i, text] of WEIBO_MENTIONS.entries()) {
      time.set(new Date(START + (4 * 60 + 30 + i) * 60_000));
      const pushed = await weibo.push(weibo.json({ type: 'mention', senderId: `55000000${i}`, receiverId: '1902538057', text }));
      expect(pushed.status).toBe(200);
    }
    await waitFor('the monitor to take the mentions', async () => (await hub.dataSource.query(`SELECT count(*)::int AS n FROM monitor_public_posts`))[0].n === WEIBO_MENTIONS.length);
    // The view judges bursts now: look right after the burst.
    time.set(new Date(START + (4 * 60 + 45) * 60_000));
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
  });

  it('shows the alert and the hot topic, acknowledges, and opens a case with its clock', async () => {
    await page.goto(`${hub.baseUrl}/console/`);
    await page.getByLabel('用户名').fill('pingdu-cyberspace.monitor');
    await page.getByLabel('密码').fill('wenzheng-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('monitor-link').click();
    await page.getByRole('heading', { name: '舆情监测' }).waitFor();

    const alert = page.getByTestId('alert');
    await expectText(alert, '低保金');
    await expectText(alert, '本时段');
    const hotRow = page.getByTestId('hot-topics').getByTestId('topic-row');
    expect(await hotRow.count()).toBe(1);
    await expectText(hotRow, '低保金');

    await alert.getByTestId('alert-acknowledge').click();
    await page.locator('[data-testid="alert"][data-status="acknowledged"]').waitFor();

    await hotRow.getByTestId('topic-link').click();
    await page.getByRole('heading', { name: /^话题：/ }).waitFor();
    await expectText(page.getByTestId('terms'), '低保金');
    expect(await page.getByTestId('timeline').locator('.bar').count()).toBeGreaterThan(0);
    await expectText(page.getByTestId('channel-split'), '网站留言');
    await expectText(page.getByTestId('channel-split'), '微博@提及');
    await expectText(page.getByTestId('public-posts'), WEIBO_MENTIONS[1]);
    await expectText(page.getByTestId('copied-posts'), `2 条，来自 2 个账号`);
    await expectText(page.getByTestId('unit-split'), '市民政局');

    await page.getByTestId('open-case-submit').click();
    await page.getByTestId('case-opened').waitFor();
    await expectText(page.getByTestId('message'), '已立案');

    await page.getByRole('link', { name: '← 舆情监测' }).click();
    const caseRow = page.getByTestId('case-row');
    await expectText(caseRow, '市民政局');
    await expectText(caseRow.getByTestId('case-clock'), '舆情回应');
    const [{ n }] = await hub.dataSource.query(`SELECT count(*)::int AS n FROM monitor_cases`);
    expect(n).toBe(1);
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.first().waitFor();
  expect(await locator.first().innerText()).toContain(text);
}
