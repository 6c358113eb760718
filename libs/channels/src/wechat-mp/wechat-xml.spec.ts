import { XMLParser } from 'fast-xml-parser';
import {
  cdata,
  encryptedReplyEnvelope,
  parseWechatEnvelope,
  parseWechatInbound,
  passiveTextReply,
  WechatInbound,
  wechatDedupeKey,
  WechatXmlError,
  WechatXmlFailure,
} from './wechat-xml';

const head = (type: string, createTime = '1714037059') =>
  `<ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`;
const xml = (type: string, rest: string) => `<xml>${head(type)}${rest}</xml>`;
const common = {
  toUserName: 'gh_97417a04a28d',
  fromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
  createTime: 1714037059,
};

describe('parseWechatInbound: message kinds', () => {
  it.each<[string, string, WechatInbound]>([
    [
      'text with a MsgId beyond 2^53',
      xml('text', '<Content><![CDATA[路灯坏了]]></Content><MsgId>24567890123456789012</MsgId>'),
      { ...common, msgType: 'text', kind: 'text', content: '路灯坏了', msgId: '24567890123456789012' },
    ],
    [
      'text that looks like a number',
      xml('text', '<Content><![CDATA[00123]]></Content><MsgId>00042</MsgId>'),
      { ...common, msgType: 'text', kind: 'text', content: '00123', msgId: '00042' },
    ],
    [
      'text with entities outside CDATA and literal ones inside',
      xml('text', '<Content>a &lt; b &amp; <![CDATA[&lt;c&gt;]]></Content><MsgId>1</MsgId>'),
      { ...common, msgType: 'text', kind: 'text', content: 'a < b & &lt;c&gt;', msgId: '1' },
    ],
    [
      'text keeping the citizen’s whitespace',
      xml('text', '<Content><![CDATA[  第一行\n第二行 ]]></Content><MsgId>2</MsgId>'),
      { ...common, msgType: 'text', kind: 'text', content: '  第一行\n第二行 ', msgId: '2' },
    ],
    [
      'image',
      xml('image', '<PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>3</MsgId>'),
      { ...common, msgType: 'image', kind: 'image', picUrl: 'http://mmbiz.qpic.cn/x', mediaId: 'm1', msgId: '3' },
    ],
    [
      'voice without recognition',
      xml('voice', '<MediaId><![CDATA[m2]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>4</MsgId>'),
      { ...common, msgType: 'voice', kind: 'voice', mediaId: 'm2', format: 'amr', msgId: '4' },
    ],
    [
      'voice with recognition',
      xml('voice', '<MediaId><![CDATA[m2]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[井盖丢了]]></Recognition><MsgId>5</MsgId>'),
      { ...common, msgType: 'voice', kind: 'voice', mediaId: 'm2', format: 'amr', recognition: '井盖丢了', msgId: '5' },
    ],
    [
      'video',
      xml('video', '<MediaId><![CDATA[m3]]></MediaId><ThumbMediaId><![CDATA[t3]]></ThumbMediaId><MsgId>6</MsgId>'),
      { ...common, msgType: 'video', kind: 'video', mediaId: 'm3', thumbMediaId: 't3', msgId: '6' },
    ],
    [
      'short video',
      xml('shortvideo', '<MediaId><![CDATA[m4]]></MediaId><ThumbMediaId><![CDATA[t4]]></ThumbMediaId><MsgId>7</MsgId>'),
      { ...common, msgType: 'shortvideo', kind: 'video', mediaId: 'm4', thumbMediaId: 't4', msgId: '7' },
    ],
    [
      'location',
      xml('location', '<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[广州市天河区]]></Label><MsgId>8</MsgId>'),
      { ...common, msgType: 'location', kind: 'location', x: '23.134521', y: '113.358803', scale: '20', label: '广州市天河区', msgId: '8' },
    ],
    [
      'link',
      xml('link', '<Title><![CDATA[通知]]></Title><Description><![CDATA[]]></Description><Url><![CDATA[https://example.gov.cn/a?b=1&c=2]]></Url><MsgId>9</MsgId>'),
      { ...common, msgType: 'link', kind: 'link', title: '通知', description: '', url: 'https://example.gov.cn/a?b=1&c=2', msgId: '9' },
    ],
    [
      'an unknown type, kept raw',
      xml('miniprogrampage', '<Title><![CDATA[t]]></Title><AppId><![CDATA[wx1]]></AppId><MsgId>10</MsgId>'),
      {
        ...common,
        msgType: 'miniprogrampage',
        kind: 'unknown',
        msgId: '10',
        fields: { ...unknownHead('miniprogrampage'), Title: 't', AppId: 'wx1', MsgId: '10' },
      },
    ],
  ])('%s', (_what, input, expected) => {
    expect(parseWechatInbound(input)).toEqual(expected);
  });
});

function unknownHead(type: string) {
  return {
    ToUserName: common.toUserName,
    FromUserName: common.fromUserName,
    CreateTime: String(common.createTime),
    MsgType: type,
  };
}

describe('parseWechatInbound: events', () => {
  const event = (name: string, rest = '') => xml('event', `<Event><![CDATA[${name}]]></Event>${rest}`);
  const base = { ...common, msgType: 'event', kind: 'event' } as const;

  it.each<[string, string, WechatInbound]>([
    ['subscribe', event('subscribe', '<EventKey><![CDATA[]]></EventKey>'), { ...base, event: 'subscribe', eventRaw: 'subscribe' }],
    [
      'subscribe through a QR code',
      event('subscribe', '<EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>'),
      { ...base, event: 'subscribe', eventRaw: 'subscribe', eventKey: 'qrscene_123123', ticket: 'TICKET' },
    ],
    ['unsubscribe', event('unsubscribe'), { ...base, event: 'unsubscribe', eventRaw: 'unsubscribe' }],
    [
      'SCAN',
      event('SCAN', '<EventKey><![CDATA[123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>'),
      { ...base, event: 'SCAN', eventRaw: 'SCAN', eventKey: '123123', ticket: 'TICKET' },
    ],
    [
      'LOCATION',
      event('LOCATION', '<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>'),
      { ...base, event: 'LOCATION', eventRaw: 'LOCATION', latitude: '23.137466', longitude: '113.352425', precision: '119.385040' },
    ],
    ['CLICK', event('CLICK', '<EventKey><![CDATA[QUERY_STATUS]]></EventKey>'), { ...base, event: 'CLICK', eventRaw: 'CLICK', eventKey: 'QUERY_STATUS' }],
    ['click in lower case', event('click', '<EventKey><![CDATA[K]]></EventKey>'), { ...base, event: 'CLICK', eventRaw: 'click', eventKey: 'K' }],
    [
      'VIEW',
      event('VIEW', '<EventKey><![CDATA[https://example.gov.cn/portal]]></EventKey>'),
      { ...base, event: 'VIEW', eventRaw: 'VIEW', eventKey: 'https://example.gov.cn/portal' },
    ],
    ['another event', event('TEMPLATESENDJOBFINISH'), { ...base, event: 'other', eventRaw: 'TEMPLATESENDJOBFINISH' }],
  ])('%s', (_what, input, expected) => {
    expect(parseWechatInbound(input)).toEqual(expected);
  });
});

describe('parseWechatInbound: layout', () => {
  it('accepts a declaration, indentation and newlines between fields', () => {
    const pretty = `<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <ToUserName><![CDATA[gh_1]]></ToUserName>\n  <FromUserName><![CDATA[o1]]></FromUserName>\n  <CreateTime>1409735668</CreateTime>\n  <MsgType><![CDATA[text]]></MsgType>\n  <Content><![CDATA[hi]]></Content>\n  <MsgId>6054768590064713728</MsgId>\n</xml>\n`;
    expect(parseWechatInbound(pretty)).toEqual({
      toUserName: 'gh_1',
      fromUserName: 'o1',
      createTime: 1409735668,
      msgType: 'text',
      kind: 'text',
      content: 'hi',
      msgId: '6054768590064713728',
    });
  });
});

describe('parseWechatInbound: errors', () => {
  const text = (rest: string) => xml('text', rest);
  it.each<[string, string, WechatXmlFailure, string | undefined]>([
    ['an empty body', '', 'malformed', undefined],
    ['plain text', 'success', 'malformed', undefined],
    ['JSON', '{"ToUserName":"gh"}', 'malformed', undefined],
    ['an unclosed element', '<xml><Content>hi</xml>', 'malformed', undefined],
    ['mismatched tags', '<xml><A>1</B></xml>', 'malformed', undefined],
    ['two roots', '<xml></xml><xml></xml>', 'malformed', undefined],
    ['trailing text', `${text('<Content>a</Content><MsgId>1</MsgId>')}junk`, 'malformed', undefined],
    ['a DOCTYPE', `<!DOCTYPE xml [<!ENTITY a "aaaa">]>${text('<Content>&a;</Content><MsgId>1</MsgId>')}`, 'forbiddenDoctype', undefined],
    ['another root', '<root><MsgType>text</MsgType></root>', 'wrongRoot', undefined],
    ['an empty <xml/>', '<xml/>', 'missingField', 'CreateTime'],
    ['no ToUserName', '<xml><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>a</Content><MsgId>1</MsgId></xml>', 'missingField', 'ToUserName'],
    ['no MsgType', `<xml>${head('text').replace(/<MsgType>.*<\/MsgType>/, '')}</xml>`, 'missingField', 'MsgType'],
    ['text without Content', text('<MsgId>1</MsgId>'), 'missingField', 'Content'],
    ['text without MsgId', text('<Content>a</Content>'), 'missingField', 'MsgId'],
    ['text with an empty MsgId', text('<Content>a</Content><MsgId> </MsgId>'), 'missingField', 'MsgId'],
    ['event without Event', xml('event', ''), 'missingField', 'Event'],
    ['a CreateTime that is not seconds', `<xml>${head('text', '2024-04-25')}<Content>a</Content><MsgId>1</MsgId></xml>`, 'invalidField', 'CreateTime'],
    ['a negative CreateTime', `<xml>${head('text', '-1')}<Content>a</Content><MsgId>1</MsgId></xml>`, 'invalidField', 'CreateTime'],
    ['Content twice', text('<Content>a</Content><Content>b</Content><MsgId>1</MsgId>'), 'invalidField', 'Content'],
    ['elements inside Content', text('<Content><b>a</b></Content><MsgId>1</MsgId>'), 'invalidField', 'Content'],
  ])('%s → %s', (_what, input, reason, field) => {
    let caught: unknown;
    try {
      parseWechatInbound(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WechatXmlError);
    expect((caught as WechatXmlError).reason).toBe(reason);
    if (field) {
      expect((caught as WechatXmlError).field).toBe(field);
      expect((caught as WechatXmlError).message).toContain(field);
    }
  });
});

describe('parseWechatEnvelope', () => {
  it.each([
    ['safe mode', '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[abc+/=]]></Encrypt></xml>', { toUserName: 'gh_1', encrypt: 'abc+/=' }],
    ['without ToUserName', '<xml><Encrypt>abc</Encrypt></xml>', { encrypt: 'abc' }],
    ['compatible mode (plain fields too)', xml('text', '<Content>a</Content><MsgId>1</MsgId><Encrypt><![CDATA[zz]]></Encrypt>'), { toUserName: 'gh_97417a04a28d', encrypt: 'zz' }],
  ])('%s', (_what, input, expected) => {
    expect(parseWechatEnvelope(input)).toEqual(expected);
  });

  it('refuses a body without Encrypt', () => {
    expect(() => parseWechatEnvelope('<xml><ToUserName>gh</ToUserName></xml>')).toThrow(/<Encrypt> is missing/);
  });
});

describe('wechatDedupeKey', () => {
  it.each([
    ['a message by MsgId', xml('text', '<Content>a</Content><MsgId>24567890123456789012</MsgId>'), 'msg:24567890123456789012'],
    ['an event by sender and time', xml('event', '<Event>subscribe</Event>'), 'event:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1714037059'],
    ['an unknown type with MsgId', xml('future', '<MsgId>77</MsgId>'), 'msg:77'],
    ['an unknown type without MsgId', xml('future', ''), 'event:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1714037059'],
  ])('keys %s', (_what, input, key) => {
    expect(wechatDedupeKey(parseWechatInbound(input))).toBe(key);
  });
});

const reader = new XMLParser({ parseTagValue: false, trimValues: false });

describe('passiveTextReply', () => {
  it('produces the documented layout', () => {
    expect(passiveTextReply({ toUser: 'o1', fromUser: 'gh_1', createTime: 1714037060, content: '您好' })).toBe(
      '<xml><ToUserName><![CDATA[o1]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName>' +
        '<CreateTime>1714037060</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[您好]]></Content></xml>',
    );
  });

  it.each([
    ['plain Chinese', '已收到您的诉求，受理编号 260929000001。', '已收到您的诉求，受理编号 260929000001。'],
    ['a CDATA terminator', 'a]]>b', 'a]]>b'],
    ['several terminators', ']]>]]>]]]]>', ']]>]]>]]]]>'],
    ['markup', '<b>&amp;</b>', '<b>&amp;</b>'],
    ['empty', '', ''],
    ['control characters, which XML forbids', 'a\u0000b\u0008c\td\u000be', 'abc\tde'],
  ])('keeps the content intact through an XML parser: %s', (_what, content, expected) => {
    const parsed = reader.parse(passiveTextReply({ toUser: 'o1', fromUser: 'gh_1', createTime: 1, content }), true);
    expect(parsed.xml.Content).toBe(expected);
  });

  it.each([
    ['a fractional time', { createTime: 1.5 }],
    ['a negative time', { createTime: -1 }],
    ['an empty recipient', { toUser: '' }],
  ])('refuses %s', (_what, override) => {
    expect(() => passiveTextReply({ toUser: 'o1', fromUser: 'gh_1', createTime: 1, content: 'x', ...override })).toThrow(RangeError);
  });
});

describe('encryptedReplyEnvelope', () => {
  it('produces the documented layout', () => {
    expect(encryptedReplyEnvelope({ encrypt: 'ab+/==', signature: 'f'.repeat(40), timestamp: 1409735669, nonce: '1320562132' })).toBe(
      `<xml><Encrypt><![CDATA[ab+/==]]></Encrypt><MsgSignature><![CDATA[${'f'.repeat(40)}]]></MsgSignature>` +
        '<TimeStamp>1409735669</TimeStamp><Nonce><![CDATA[1320562132]]></Nonce></xml>',
    );
  });

  it('refuses a timestamp that is not seconds', () => {
    expect(() => encryptedReplyEnvelope({ encrypt: 'a', signature: 's', timestamp: '1</TimeStamp>', nonce: 'n' })).toThrow(RangeError);
  });
});

describe('cdata', () => {
  it('drops lone surrogates and keeps astral characters', () => {
    expect(cdata('a\uD800b😀')).toBe('<![CDATA[ab😀]]>');
  });
});
