import type { PortalStatus } from './portal.service';
import {
  renderLookupPage,
  renderNotFoundPage,
  renderStatusPage,
  statusPageUrl,
} from './status-page';

const assigned: PortalStatus = {
  trackingNo: '260929000001',
  status: 'assigned',
  statusText: '已派至承办单位',
  kind: 'complaint',
  receivedAt: '2026-09-29T02:00:00.000Z',
  replyDueAt: '2026-10-26T15:59:59.000Z',
  provisional: false,
  leadUnit: '市城乡建设局',
  assistingUnits: [],
  reply: null,
  rating: null,
  canRate: false,
};

const answered: PortalStatus = {
  ...assigned,
  status: 'resolved',
  statusText: '已办结',
  reply: { body: '您好：\n供暖公司已于10月9日上门检修。', unit: '市城乡建设局', repliedAt: '2026-10-09T07:30:00.000Z' },
  canRate: true,
};

const rated: PortalStatus = {
  ...answered,
  canRate: false,
  rating: { attitude: 4, speed: 2, resolved: false, comment: '检修后仍然不热', ratedAt: '2026-10-10T01:00:00.000Z' },
};

/** The text a reader sees: tags dropped, whitespace folded. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('statusPageUrl', () => {
  it('encodes the tracking number and code as query parameters', () => {
    expect(statusPageUrl('260929000001', 'AB&C=D')).toBe('/portal/status?no=260929000001&code=AB%26C%3DD');
  });

  it('leaves the code out for links in chat messages (the lookup form, number filled in)', () => {
    expect(statusPageUrl('260929000001')).toBe('/portal/status?no=260929000001');
  });
});

describe('renderStatusPage', () => {
  interface Case {
    what: string;
    status: PortalStatus;
    error?: string;
    shows: string[];
    hides: string[];
  }

  const cases: Case[] = [
    {
      what: 'an assigned ticket: status, unit and deadline in Shanghai time, no reply, no rating form',
      status: assigned,
      shows: ['260929000001', '投诉', '已派至承办单位', '市城乡建设局', '2026年10月26日 23:59（北京时间）', '2026年9月29日 10:00'],
      hides: ['答复意见', '评价本次办理', 'name="attitude"', '暂定', '协办单位'],
    },
    {
      what: 'a ticket still waiting for dispatch, with a provisional deadline',
      status: { ...assigned, status: 'dispatching', statusText: '已受理，等待派单', leadUnit: null, provisional: true },
      shows: ['已受理，等待派单', '正在确定', '，暂定'],
      hides: ['答复意见'],
    },
    {
      what: 'assisting units are listed',
      status: { ...assigned, assistingUnits: ['市人社局', '南村镇'] },
      shows: ['协办单位', '市人社局、南村镇'],
      hides: [],
    },
    {
      what: 'a delivered reply with its unit and time, and the rating form',
      status: answered,
      shows: ['答复意见', '您好：', '供暖公司已于10月9日上门检修。', '答复单位：市城乡建设局', '答复时间：2026年10月9日 15:30', '评价本次办理'],
      hides: ['您的评价'],
    },
    {
      what: 'a given rating, and no second form',
      status: rated,
      shows: ['您的评价', '4 分（满意）', '2 分（不满意）', '未解决', '检修后仍然不热', '2026年10月10日 09:00'],
      hides: ['评价本次办理'],
    },
    {
      what: 'a refused rating shows the reason above the form',
      status: answered,
      error: '请为服务态度和办理速度各选择一个分数',
      shows: ['请为服务态度和办理速度各选择一个分数', '评价本次办理'],
      hides: [],
    },
    {
      what: 'a rating refused because the ticket cannot be rated shows the reason without a form',
      status: { ...assigned, canRate: false },
      error: '该诉求目前不能评价',
      shows: ['该诉求目前不能评价'],
      hides: ['评价本次办理'],
    },
  ];

  it.each(cases)('$what', ({ status, error, shows, hides }) => {
    const text = visibleText(renderStatusPage(status, 'QUERY123', error));
    for (const fragment of shows) expect(text).toContain(fragment);
    for (const fragment of hides) expect(renderStatusPage(status, 'QUERY123', error)).not.toContain(fragment);
  });

  it('posts the rating form with the tracking number, the code and every field', () => {
    const html = renderStatusPage(answered, 'QUERY123');
    const form = /<form method="post" action="\/portal\/status\/rating"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(form).toContain('<input type="hidden" name="no" value="260929000001">');
    expect(form).toContain('<input type="hidden" name="code" value="QUERY123">');
    for (const score of [1, 2, 3, 4, 5]) {
      expect(form).toContain(`name="attitude" value="${score}"`);
      expect(form).toContain(`name="speed" value="${score}"`);
    }
    expect(form).toContain('name="resolved" value="true"');
    expect(form).toContain('name="resolved" value="false"');
    expect(form).toContain('<textarea id="comment" name="comment"');
  });

  it.each([
    ['the reply', { ...answered, reply: { ...answered.reply!, body: '<script>alert("x")</script>' } }],
    ['the reply unit', { ...answered, reply: { ...answered.reply!, unit: '<script>alert("x")</script>' } }],
    ['the rating comment', { ...rated, rating: { ...rated.rating!, comment: '<script>alert("x")</script>' } }],
    ['the lead unit', { ...assigned, leadUnit: '<script>alert("x")</script>' }],
    ['a status text', { ...assigned, statusText: '<script>alert("x")</script>' }],
  ])('escapes markup in %s', (_what, status: PortalStatus) => {
    const html = renderStatusPage(status, 'QUERY123');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('escapes the code echoed into the hidden field', () => {
    const html = renderStatusPage(answered, '"><script>x</script>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });
});

describe('lookup and not-found pages', () => {
  it.each([
    ['lookup', renderLookupPage(), ['诉求办理进度查询', '受理编号', '查询码']],
    ['not found', renderNotFoundPage(), ['未找到诉求', '没有找到与该受理编号和查询码对应的诉求', '受理编号', '查询码']],
  ])('%s page', (_what, html, shows) => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<form method="get" action="/portal/status"');
    expect(html).toContain('<label for="no">受理编号</label>');
    expect(html).toContain('<label for="code">查询码</label>');
    for (const fragment of shows) expect(visibleText(html)).toContain(fragment);
  });

  it('fills in the number a chat link carries, escaped', () => {
    expect(renderLookupPage('261123000042')).toContain('<input id="no" name="no" inputmode="numeric" autocomplete="off" required value="261123000042">');
    const html = renderLookupPage('1"><script>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="1&quot;&gt;&lt;script&gt;"');
  });

  it('never says whether the number or the code was wrong', () => {
    expect(visibleText(renderNotFoundPage())).not.toMatch(/编号(错误|不存在)|查询码(错误|不正确)/);
  });
});
