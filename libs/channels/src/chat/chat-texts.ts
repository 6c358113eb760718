import { formatShanghaiDate } from '@wenzheng/web-pages';

/** The citizen-facing texts every chat channel sends (WeChat, Weibo private messages, the bot), in one place. */

export interface ReceiptFacts {
  trackingNo: string;
  queryCode: string;
  replyDueAt: Date;
  provisional: boolean;
}

export interface OwnTicket {
  trackingNo: string;
  title: string;
  statusText: string;
  replyDueAt: Date;
  unitName: string | null;
}

const dateText = (at: Date) => formatShanghaiDate(at.toISOString());

/**
 * 回执: tracking number, query code and deadline. In a group the 查询码 is left out: it would let every member read the
 * ticket and its reply; the writer queries in the private chat, where being the sender is enough.
 */
export function receiptText(receipt: ReceiptFacts, where: 'private' | 'group' = 'private'): string {
  return [
    '您的留言已受理。',
    `受理编号：${receipt.trackingNo}`,
    ...(where === 'private' ? [`查询码：${receipt.queryCode}`] : []),
    `答复期限：${dateText(receipt.replyDueAt)}前${receipt.provisional ? '（按暂定节假日安排计算）' : ''}`,
    where === 'private'
      ? `发送“查询 ${receipt.trackingNo}”可随时查看办理进度。`
      : `为保护隐私，查询码不在群里发送；私聊我发送“查询 ${receipt.trackingNo}”可查看办理进度。`,
  ].join('\n');
}

/** 查询 in a group: answered in the private chat only. */
export function groupQueryText(): string {
  return '为保护您的隐私，请私聊我发送“查询”或“查询 编号”查看办理进度。';
}

export function helpText(): string {
  return [
    '【问政留言】',
    '1. 直接发送文字，说明事项、地点和时间，即为一条留言，我们会回复受理编号和答复期限；',
    '2. 发送“查询”查看您提交的留言，发送“查询 编号”查看某一条的进度；',
    '3. 承办单位的答复会发到这里。',
    '目前只受理文字留言，图片、语音请改用文字描述。',
  ].join('\n');
}

export function greetingText(): string {
  return `您好！请用一段文字说明您反映的事项（发生了什么、在哪里、从什么时候开始），我们收到后会回复受理编号。发送“帮助”查看使用说明。`;
}

export function unsupportedText(): string {
  return '已收到。目前只受理文字留言，请用文字描述您反映的事项；图片、语音等内容已记录，但不会生成留言。';
}

export function ownTicketsText(tickets: readonly OwnTicket[], asked: string | null): string {
  if (asked && !tickets.length) {
    return `没有找到您提交的受理编号为 ${asked} 的留言。只能查询本账号提交的留言；其他留言请在门户网站用受理编号和查询码查询。`;
  }
  if (!tickets.length) return '您还没有通过本账号提交过留言。直接发送文字即可留言。';
  return tickets
    .map((t) => `${t.trackingNo}${t.title ? `「${t.title}」` : ''}：${t.statusText}${t.unitName ? `（${t.unitName}）` : ''}，答复期限 ${dateText(t.replyDueAt)}`)
    .join('\n');
}

/** 答复: the unit's approved reply to the citizen. */
export function replyText(reply: { trackingNo: string; unitName: string | null; body: string }): string {
  return `【答复】您的留言（受理编号 ${reply.trackingNo}）${reply.unitName ? `已由${reply.unitName}` : '已'}答复：\n${reply.body}`;
}

/** The reply does not fit a chat message, or the platform allows no more messages: where to read it. */
export function replyOnStatusPageText(trackingNo: string, url: string): string {
  return `您的留言（受理编号 ${trackingNo}）已有答复，请用受理编号和查询码查看：${url}`;
}
