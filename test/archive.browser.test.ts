import { get } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { InProcessHub, startInProcessHub } from './support/in-process-hub';
import { call, login, submitAndRoute } from './support/staff-client';
import { waitFor } from './support/wait-for';

const CONSTRUCTION = 'pingdu-construction';
const EDUCATION = 'pingdu-education';
const SCRIPT = '<script>alert(1)</script>';

interface ParsedFeed {
  error: string | null;
  root: string;
  updated: string | undefined;
  entries: { title?: string; link?: string; updated?: string; content?: string }[];
}

/** Runs in the page: Chromium's own XML parser reads the feed (the test process has no DOM). */
const PARSE_ATOM = `(text) => {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const atom = 'http://www.w3.org/2005/Atom';
  const child = (parent, name) => parent.getElementsByTagNameNS(atom, name)[0];
  return {
    error: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null,
    root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
    updated: child(doc.documentElement, 'updated')?.textContent,
    entries: [...doc.getElementsByTagNameNS(atom, 'entry')].map((entry) => ({
      title: child(entry, 'title')?.textContent,
      link: child(entry, 'link')?.getAttribute('href'),
      updated: child(entry, 'updated')?.textContent,
      content: child(entry, 'content')?.textContent,
    })),
  };
}`;

/**
 * The public archive (公开答复) in a real headless Chromium at 1366×768, with JavaScript off (the pages must not need
 * it), against the in-process hub with its worker. Entries are published through the real flow: a citizen's message
 * with consent, the unit's reply approved, the masked draft prepared by the worker, released by the unit's reviewer.
 */
describe('public archive in a browser', () => {
  let hub: InProcessHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const tokens: Record<string, string> = {};
  const ids = { renovation: '', shantytown: '', school: '', withdrawn: '' };

  const staff = async (username: string, method: string, path: string, body?: unknown) => {
    tokens[username] ??= await login(hub.baseUrl, username);
    const response = await call(hub.baseUrl, method, `/api/v1/staff${path}`, { token: tokens[username], body });
    if (response.status >= 300) throw new Error(`${username} ${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** A message answered by `unit` and released to the archive; answers the publication id. */
  const publishReply = async (message: { title: string; body: string; kind: string }, unit: string, reply: string): Promise<string> => {
    const { ticketId } = await submitAndRoute(hub.baseUrl, message, hub.dataSource);
    const [placed] = await hub.dataSource.query(`SELECT t.status, u.code FROM tickets t LEFT JOIN units u ON u.id = t.lead_unit_id WHERE t.id = $1`, [ticketId]);
    if (placed.status !== 'assigned' || placed.code !== unit) {
      await staff('pingdu-office.dispatcher', 'POST', `/tickets/${ticketId}/assign`, { leadUnit: unit, assistingUnits: [] });
    }
    await staff(`${unit}.handler`, 'POST', `/tickets/${ticketId}/claim`);
    await staff(`${unit}.handler`, 'PUT', `/tickets/${ticketId}/reply`, { body: reply });
    await staff(`${unit}.handler`, 'POST', `/tickets/${ticketId}/submit`);
    await staff(`${unit}.reviewer`, 'POST', `/tickets/${ticketId}/approve`, {});
    const draft = await waitFor(
      'the masked draft of the approved reply',
      async () => ((await staff(`${unit}.reviewer`, 'GET', '/publications')) as { id: string; ticket: { id: string } | null }[]).find((p) => p.ticket?.id === ticketId),
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    await staff(`${unit}.reviewer`, 'POST', `/publications/${draft.id}/release`);
    return draft.id;
  };

  beforeAll(async () => {
    hub = await startInProcessHub();
    browser = await launchChromium();
    ids.renovation = await publishReply(
      { title: '棚户区改造什么时候启动', body: '我们城东片区的棚户区改造去年就说要启动，到现在还没有动静，请问棚户区改造什么时候开始？', kind: 'consult' },
      CONSTRUCTION,
      '您好：城东片区棚户区改造项目已列入明年计划，预计3月启动征收工作，届时将张贴公告。',
    );
    ids.shantytown = await publishReply(
      { title: '棚户区道路坑洼不平', body: '城西棚户区里面的道路坑坑洼洼，下雨天出行很不方便，希望修一修。', kind: 'suggestion' },
      CONSTRUCTION,
      '您好：已安排施工单位对该片区道路进行修补，本月底前完成。',
    );
    ids.school = await publishReply(
      { title: `小学门口校车乱停${SCRIPT}`, body: `每天放学时小学门口校车乱停，堵住路口。我在留言里写了${SCRIPT}，看看网页会不会弹窗。`, kind: 'complaint' },
      EDUCATION,
      `您好：已要求学校规范校车停放，并安排人员在放学时段维持秩序。${SCRIPT}`,
    );
    ids.withdrawn = await publishReply(
      { title: '拆迁补偿标准咨询', body: '想了解这次拆迁补偿的标准是怎么定的。', kind: 'consult' },
      CONSTRUCTION,
      '您好：补偿标准按照市政府公布的征收补偿方案执行。',
    );
    await staff(`${CONSTRUCTION}.reviewer`, 'POST', `/publications/${ids.withdrawn}/withdraw`, { reason: '来信人要求撤回公开' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  // A fresh profile per test, with JavaScript off: every archive page must work without it.
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: false });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  const resultIds = () => page.getByTestId('archive-result').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')));
  const search = async (q: string) => {
    await page.getByLabel('关键词').fill(q);
    await page.getByRole('button', { name: '检索' }).click();
    await page.waitForURL(/\/archive\?/);
  };

  it('finds 棚户区改造 above 棚户区 alone, with the words marked', async () => {
    const response = await page.goto(`${hub.baseUrl}/archive`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('public, max-age=60');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('公开答复');
    // Newest first without a query; the withdrawn entry is not listed.
    expect(await resultIds()).toEqual([ids.school, ids.shantytown, ids.renovation]);
    expect(await page.getByTestId('result-count').textContent()).toContain('共找到 3 条公开答复');

    await search('棚户区');
    const both = await resultIds();
    expect(both.sort()).toEqual([ids.renovation, ids.shantytown].sort());

    await search('棚户区改造');
    const ranked = await resultIds();
    expect(ranked[0]).toBe(ids.renovation);
    // The other entry mentions 棚户区 alone: below, if it is found at all.
    if (ranked.includes(ids.shantytown)) expect(ranked.indexOf(ids.shantytown)).toBeGreaterThan(0);
    const first = page.getByTestId('archive-result').first();
    expect(await first.locator('h3 mark').allTextContents()).toEqual(['棚户区改造']);
    expect(await first.getByTestId('message-excerpt').locator('mark').allTextContents()).toEqual(['棚户区改造', '棚户区改造']);
    expect(await first.getByTestId('reply-excerpt').locator('mark').allTextContents()).toEqual(['棚户区改造']);
    expect(await first.textContent()).toContain('市城乡建设局');
    expect(await first.textContent()).toMatch(/用时\s*\d+ 个工作日/);
    expect(await page.getByLabel('关键词').inputValue()).toBe('棚户区改造');
    await page.screenshot({ path: '/tmp/archive.png', fullPage: true });
  });

  it('filters by unit, and pages keep the filters', async () => {
    await page.goto(`${hub.baseUrl}/archive`);
    await page.getByLabel('承办单位').selectOption({ label: '市教体局' });
    await page.getByRole('button', { name: '检索' }).click();
    await page.waitForURL(/unit=pingdu-education/);
    expect(await resultIds()).toEqual([ids.school]);
    expect(await page.getByLabel('承办单位').inputValue()).toBe(EDUCATION);

    await page.goto(`${hub.baseUrl}/archive?q=${encodeURIComponent('棚户区')}&unit=${CONSTRUCTION}&pageSize=1`);
    const firstPage = await resultIds();
    expect(firstPage).toHaveLength(1);
    await page.getByTestId('pagination').getByRole('link', { name: '下一页' }).click();
    await page.waitForURL(/page=2/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: '棚户区', unit: CONSTRUCTION, pageSize: '1', page: '2' });
    const secondPage = await resultIds();
    expect(secondPage).toHaveLength(1);
    expect([...firstPage, ...secondPage].sort()).toEqual([ids.renovation, ids.shantytown].sort());
    expect(await page.getByTestId('result-count').textContent()).toContain('第 2 / 2 页');
  });

  it('filters by topic category (the category model gave each ticket one at routing)', async () => {
    const published: { id: string; category: string }[] = await hub.dataSource.query(`SELECT id, category FROM publications WHERE state = 'published'`);
    const [{ category }] = await hub.dataSource.query(`SELECT category FROM publications WHERE id = $1`, [ids.school]);
    await page.goto(`${hub.baseUrl}/archive`);
    await page.getByLabel('问题分类').selectOption({ label: category });
    await page.getByRole('button', { name: '检索' }).click();
    await page.waitForURL(/category=/);
    expect((await resultIds()).sort()).toEqual(published.filter((p) => p.category === category).map((p) => p.id).sort());
    expect(await page.getByTestId('result-count').textContent()).toContain(`分类 ${category}`);
    await page.getByTestId('archive-result').first().getByRole('link').click();
    expect(await page.getByTestId('entry-category').textContent()).toBe(category);
  });

  it('opens a reply from the results', async () => {
    await page.goto(`${hub.baseUrl}/archive?q=${encodeURIComponent('棚户区改造')}`);
    await page.getByTestId('archive-result').first().getByRole('link').click();
    await page.waitForURL(new RegExp(`/archive/replies/${ids.renovation}$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('棚户区改造什么时候启动');
    const facts = await page.locator('dl.facts').textContent();
    for (const fragment of ['承办单位', '市城乡建设局', '咨询', '留言时间', '答复时间', '个工作日', '公开时间']) expect(facts).toContain(fragment);
    expect(await page.getByTestId('message-text').textContent()).toContain('请问棚户区改造什么时候开始？');
    expect(await page.getByTestId('reply-text').textContent()).toContain('城东片区棚户区改造项目已列入明年计划');
    await page.screenshot({ path: '/tmp/archive-entry.png', fullPage: true });
  });

  it('shows markup from a message as text, and runs nothing', async () => {
    // JavaScript on for this one: an unescaped <script> would open a dialog.
    const scripted = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const tab = await scripted.newPage();
    const dialogs: string[] = [];
    tab.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await tab.goto(`${hub.baseUrl}/archive/replies/${ids.school}`);
      expect(await tab.getByRole('heading', { level: 1 }).textContent()).toContain(SCRIPT);
      expect(await tab.getByTestId('message-text').textContent()).toContain(`我在留言里写了${SCRIPT}`);
      expect(await tab.getByTestId('reply-text').textContent()).toContain(SCRIPT);
      await tab.goto(`${hub.baseUrl}/archive?unit=${EDUCATION}`);
      expect(await tab.getByTestId('archive-result').textContent()).toContain(SCRIPT);
      expect(await tab.locator('script').count()).toBe(0);
      await tab.goto(`${hub.baseUrl}/archive?q=${encodeURIComponent(`"><script>alert(2)</script>`)}`);
      expect(await tab.getByLabel('关键词').inputValue()).toBe('"><script>alert(2)</script>');
      expect(await tab.locator('script').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await scripted.close();
    }
  });

  it('shows a withdrawn reply as a tombstone, and an unknown one as not found', async () => {
    const withdrawn = await page.goto(`${hub.baseUrl}/archive/replies/${ids.withdrawn}`);
    expect(withdrawn?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('该答复已撤回');
    expect(await page.getByTestId('withdrawn-reason').textContent()).toBe('撤回原因：来信人要求撤回公开');
    expect(await page.content()).not.toContain('拆迁补偿标准');

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await page.goto(`${hub.baseUrl}/archive/replies/${id}`);
      expect(missing?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('未找到该答复');
    }
  });

  it('answers a bad filter with 400 and the form, naming the problem', async () => {
    const response = await page.goto(`${hub.baseUrl}/archive?q=${encodeURIComponent('供暖')}&from=2026-13-45`);
    expect(response?.status()).toBe(400);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.getByTestId('filter-error').textContent()).toContain('答复日期从');
    expect(await page.getByLabel('答复日期从').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('关键词').inputValue()).toBe('供暖');

    const none = await page.goto(`${hub.baseUrl}/archive?to=2000-01-01`);
    expect(none?.status()).toBe(200);
    expect(await page.getByTestId('no-results').textContent()).toContain('没有找到符合条件的公开答复');
  });

  it('starts keyboard use at a visible skip link to the content', async () => {
    await page.goto(`${hub.baseUrl}/archive`);
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('跳到主要内容');
    const box = await focused.boundingBox();
    expect(box && box.y >= 0).toBe(true);
    expect(await page.locator('label').evaluateAll((labels) => labels.map((l) => l.getAttribute('for')))).toEqual(['q', 'unit', 'category', 'kind', 'from', 'to']);
  });

  it('shows each unit’s figures in a table', async () => {
    const response = await page.goto(`${hub.baseUrl}/archive/units`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('public, max-age=60');
    const table = page.getByRole('table', { name: '近 365 天各承办单位答复情况' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      '承办单位',
      '公开答复',
      '平均答复用时',
      '90% 答复用时不超过',
      '按时答复率',
      '评价数',
      '服务态度平均分',
      '办理速度平均分',
      '问题解决率',
    ]);
    const construction = page.locator(`[data-testid="unit-row"][data-unit="${CONSTRUCTION}"]`);
    const cells = await construction.locator('th, td').allTextContents();
    expect(cells[0]).toBe('市城乡建设局');
    expect(cells[1]).toBe('2');
    expect(cells[2]).toMatch(/^\d+(\.\d+)? 个工作日$/);
    expect(cells[4]).toBe('100%');
    expect(await page.locator(`[data-testid="unit-row"][data-unit="${EDUCATION}"] td`).first().textContent()).toBe('1');
    await page.screenshot({ path: '/tmp/archive-units.png', fullPage: true });
  });

  it('serves an Atom feed of the published replies that parses as XML', async () => {
    const response = await fetch(`${hub.baseUrl}/archive/feed.atom`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const xml = await response.text();
    expect(xml).not.toContain('<script>');
    await page.goto(`${hub.baseUrl}/archive`);
    const parsed = (await page.evaluate(`(${PARSE_ATOM})(${JSON.stringify(xml)})`)) as ParsedFeed;
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('http://www.w3.org/2005/Atom feed');
    expect(parsed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(parsed.entries.map((e) => e.link)).toEqual([ids.school, ids.shantytown, ids.renovation].map((id) => `${hub.config.publicBaseUrl}/archive/replies/${id}`));
    // A forged Host header (fetch cannot send one) does not reach the links.
    const forged = await new Promise<string>((done, fail) => {
      const url = new URL(`${hub.baseUrl}/archive/feed.atom`);
      get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'evil.example' } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => done(body));
      }).on('error', fail);
    });
    expect(forged).toContain('<feed');
    expect(forged).not.toContain('evil.example');
    for (const entry of parsed.entries) expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(parsed.entries[0].title).toBe(`小学门口校车乱停${SCRIPT}`);
    expect(parsed.entries[0].content).toContain(`我在留言里写了${SCRIPT}`);
  });

  // Last: the published interpretation becomes an archive entry, which the tests above do not expect.
  it('lists a policy document as pending, then links its published interpretation', async () => {
    const publishedOn = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const document = {
      title: '平度市城乡低保对象认定办法',
      docNumber: '平政办发〔2026〕31号',
      issuingUnit: 'pingdu-office',
      draftingUnit: 'pingdu-civil-affairs',
      publishedOn,
      url: 'https://www.pingdu.gov.cn/n1/art/2026/31.html',
    };
    const registered = (await staff('pingdu-office.dispatcher', 'POST', '/policy-documents', document)) as { id: string; dueAt: string };
    const due = new Date(Date.parse(registered.dueAt) + 8 * 3_600_000);
    const dueText = `${due.getUTCFullYear()}年${due.getUTCMonth() + 1}月${due.getUTCDate()}日`;

    await page.goto(`${hub.baseUrl}/archive`);
    const nav = page.getByRole('navigation', { name: '公开答复栏目' });
    await nav.getByRole('link', { name: '政策文件与解读' }).click();
    await page.waitForURL(/\/archive\/policies$/);
    expect(await nav.getByRole('link', { name: '政策文件与解读' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('政策文件与解读');
    const table = page.getByRole('table', { name: '政策文件及其解读' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['文件名称', '文号', '发布单位', '公开日期', '解读']);
    const row = table.getByRole('row').filter({ hasText: document.docNumber });
    expect(await row.count()).toBe(1);
    expect(await row.getByRole('rowheader').count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    const [year, month, day] = publishedOn.split('-').map(Number);
    expect(cells.slice(0, 3)).toEqual([document.docNumber, '市政府办公室', `${year}年${month}月${day}日`]);
    expect(cells[3]).toBe(`解读待发布（应于 ${dueText} 前发布）`);
    expect(await row.getByRole('link', { name: /查看解读/ }).count()).toBe(0);
    const source = row.getByRole('link', { name: new RegExp(document.title) });
    expect(await source.getAttribute('href')).toBe(document.url);
    expect(await source.getAttribute('rel')).toBe('noopener');
    expect(await source.getAttribute('target')).toBe('_blank');

    const body = '本办法明确了城乡低保对象的认定条件、家庭收入核算方法和办理流程，可到镇街便民服务中心申请。';
    await staff('pingdu-civil-affairs.handler', 'PUT', `/interpretations/${registered.id}`, { body });
    await staff('pingdu-civil-affairs.handler', 'POST', `/interpretations/${registered.id}/submit`);
    const approved = (await staff('pingdu-civil-affairs.reviewer', 'POST', `/interpretations/${registered.id}/approve`)) as { state: string; publicationId: string };
    expect(approved.state).toBe('published');

    await page.reload();
    expect(await row.locator('td').last().textContent()).not.toContain('待发布');
    const interpretation = row.getByRole('link', { name: /查看解读/ });
    expect(await interpretation.getAttribute('href')).toBe(`/archive/replies/${approved.publicationId}`);
    await page.screenshot({ path: '/tmp/archive-policies.png', fullPage: true });
    await interpretation.click();
    await page.waitForURL(new RegExp(`/archive/replies/${approved.publicationId}$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`《${document.title}》政策解读`);
    expect(await page.locator('dl.facts').textContent()).toContain('政策解读');
    expect(await page.getByTestId('reply-text').textContent()).toContain(body);
  });
});
