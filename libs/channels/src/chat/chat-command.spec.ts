import { guessMessageKind, parseChatCommand, titleOfChatMessage } from './chat-command';

describe('parseChatCommand', () => {
  it.each([
    ['查询', { kind: 'query', trackingNo: null, queryCode: null }],
    ['查询 261123000042', { kind: 'query', trackingNo: '261123000042', queryCode: null }],
    ['查询261123000042', { kind: 'query', trackingNo: '261123000042', queryCode: null }],
    ['查询：261123000042', { kind: 'query', trackingNo: '261123000042', queryCode: null }],
    ['查询 编号261123000042', { kind: 'query', trackingNo: '261123000042', queryCode: null }],
    ['查询　２６１１２３００００４２', { kind: 'query', trackingNo: '261123000042', queryCode: null }],
    ['查进度 261123000042', { kind: 'query', trackingNo: '261123000042', queryCode: null }],
    ['进度查询', { kind: 'query', trackingNo: null, queryCode: null }],
    ['查 261123000042 abcd2345', { kind: 'query', trackingNo: '261123000042', queryCode: 'ABCD2345' }],
    ['查询 261123000042 查询码 K7M2PQ9X', { kind: 'query', trackingNo: '261123000042', queryCode: 'K7M2PQ9X' }],
    [' 帮助 ', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['？', { kind: 'help' }],
    ['你好', { kind: 'greeting' }],
    ['在吗在吗', { kind: 'greeting' }],
    ['', { kind: 'greeting' }],
    ['查询一下低保金什么时候发放到账', { kind: 'message', text: '查询一下低保金什么时候发放到账' }],
    ['查询 12345 热线为什么打不通，请尽快解决', { kind: 'message', text: '查询 12345 热线为什么打不通，请尽快解决' }],
    ['小区门口路灯坏了三天了', { kind: 'message', text: '小区门口路灯坏了三天了' }],
  ])('%j', (line, command) => {
    expect(parseChatCommand(line)).toEqual(command);
  });
});

describe('guessMessageKind', () => {
  it.each([
    ['燃气泄漏了，很危险', 'urgent'],
    ['举报有工厂夜里偷排污水', 'report'],
    ['投诉物业乱收费', 'complaint'],
    ['建议在公园增设健身器材', 'suggestion'],
    ['家里困难，求助办理低保', 'help'],
    ['请问社保卡在哪里补办', 'consult'],
  ])('%s → %s', (text, kind) => {
    expect(guessMessageKind(text)).toBe(kind);
  });
});

describe('titleOfChatMessage', () => {
  it.each([
    ['小区路灯坏了。已经三天没人修！', '小区路灯坏了'],
    ['没有标点的一句话', '没有标点的一句话'],
    ['。开头就是句号', '。开头就是句号'],
    ['一'.repeat(40), `${'一'.repeat(29)}…`],
    ['李园街道幸福小区门口的路灯坏了三天了，晚上出行很不安全，请尽快维修。', '李园街道幸福小区门口的路灯坏了三天了，晚上出行很不安全'],
    ['太吵，'.padEnd(40, '吵'), `${'太吵，'.padEnd(40, '吵').slice(0, 29)}…`],
    ['😀'.repeat(31), `${'😀'.repeat(29)}…`],
  ])('%s → %s', (text, title) => {
    expect(titleOfChatMessage(text)).toBe(title);
  });
});
