import { ownTicketsText, receiptText, replyText } from './chat-texts';

describe('chat texts', () => {
  it('gives the tracking number, the query code and the Shanghai date of the deadline', () => {
    // 15:59 UTC on 27 Nov is 23:59 on 27 Nov in Shanghai; 16:00 UTC is already the 28th.
    const text = receiptText({ trackingNo: '261123000042', queryCode: 'K7M2PQ9X', replyDueAt: new Date('2026-11-27T15:59:59Z'), provisional: false });
    expect(text).toContain('受理编号：261123000042');
    expect(text).toContain('查询码：K7M2PQ9X');
    expect(text).toContain('答复期限：2026年11月27日前');
    expect(receiptText({ trackingNo: '1', queryCode: 'X', replyDueAt: new Date('2026-11-27T16:00:00Z'), provisional: true })).toContain(
      '答复期限：2026年11月28日前（按暂定节假日安排计算）',
    );
  });

  it('lists own tickets, or says none was found for the asked number', () => {
    const ticket = { trackingNo: '261123000042', title: '路灯不亮', statusText: '承办单位办理中', replyDueAt: new Date('2026-12-07T15:00:00Z'), unitName: '市城管局' };
    expect(ownTicketsText([ticket], null)).toBe('261123000042「路灯不亮」：承办单位办理中（市城管局），答复期限 2026年12月7日');
    expect(ownTicketsText([{ ...ticket, title: '' }], null)).toBe('261123000042：承办单位办理中（市城管局），答复期限 2026年12月7日');
    expect(ownTicketsText([], '261123000001')).toContain('没有找到您提交的受理编号为 261123000001 的留言');
    expect(ownTicketsText([], null)).toContain('还没有');
  });

  it('names the unit in a reply when known', () => {
    expect(replyText({ trackingNo: '1', unitName: '市城管局', body: '已修复。' })).toBe('【答复】您的留言（受理编号 1）已由市城管局答复：\n已修复。');
    expect(replyText({ trackingNo: '1', unitName: null, body: '已修复。' })).toBe('【答复】您的留言（受理编号 1）已答复：\n已修复。');
  });
});

describe('chat texts in a group', () => {
  it('leaves the query code out of a receipt posted in a group', () => {
    const receipt = { trackingNo: '261123000042', queryCode: 'K7M2PQ9X', replyDueAt: new Date('2026-11-27T15:59:59Z'), provisional: false };
    const text = receiptText(receipt, 'group');
    expect(text).toContain('受理编号：261123000042');
    expect(text).toContain('答复期限：2026年11月27日前');
    expect(text).not.toContain('K7M2PQ9X');
    expect(receiptText(receipt)).toContain('查询码：K7M2PQ9X');
  });
});
