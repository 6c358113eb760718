import type { MessageKind } from '@wenzheng/routing';

/** What a chat line (WeChat, Weibo private message, the bot) asks for. */
export type ChatCommand =
  | { kind: 'query'; trackingNo: string | null; queryCode: string | null }
  | { kind: 'help' }
  /** Too short to be a 诉求 (你好, 在吗): answered with how to write, not turned into a ticket. */
  | { kind: 'greeting' }
  | { kind: 'message'; text: string };

/** A message shorter than this (after trimming) is a greeting, not a matter to handle. */
export const MIN_MESSAGE_LENGTH = 8;

const QUERY = /^(?:查询|查进度|进度查询|查询进度|查)(?:\s*(?:编号|受理编号)?[:：]?\s*(\d{12,16}))?(?:\s+(?:查询码[:：]?\s*)?([2-9A-HJ-NP-Za-hj-np-z]{8}))?$/u;
const HELP = /^(?:帮助|help|\?|？|菜单|怎么用|使用说明)$/iu;

/** Reads a chat line: 查询 [编号] [查询码], 帮助, a greeting, or a message to hand to the intake. */
export function parseChatCommand(line: string): ChatCommand {
  const text = line.normalize('NFKC').trim();
  const query = QUERY.exec(text);
  if (query) return { kind: 'query', trackingNo: query[1] ?? null, queryCode: query[2]?.toUpperCase() ?? null };
  if (HELP.test(text)) return { kind: 'help' };
  if ([...text].length < MIN_MESSAGE_LENGTH) return { kind: 'greeting' };
  return { kind: 'message', text: line.trim() };
}

const KIND_CUES: readonly [MessageKind, RegExp][] = [
  ['urgent', /紧急|危险|救命|塌了|着火|漏气|燃气泄漏/u],
  ['report', /举报|违法|违规|偷排|非法/u],
  ['complaint', /投诉|不作为|推诿|乱收费|扰民|拖欠/u],
  ['suggestion', /建议|希望增设|能否增加|提议/u],
  ['help', /求助|帮帮|请帮|困难/u],
];

/** Chat has no kind field: a first guess from cue words (咨询 when none), which staff correct in the workbench. */
export function guessMessageKind(text: string): MessageKind {
  return KIND_CUES.find(([, cue]) => cue.test(text))?.[0] ?? 'consult';
}

const TITLE_LENGTH = 30;

/** A title for the ticket: the first sentence; a longer one up to its last comma within 30 characters, else cut. */
export function titleOfChatMessage(text: string): string {
  const first = text.trim().split(/[。！？!?\n]/u)[0].trim() || text.trim();
  const chars = [...first];
  if (chars.length <= TITLE_LENGTH) return first;
  const head = chars.slice(0, TITLE_LENGTH).join('');
  const comma = Math.max(head.lastIndexOf('，'), head.lastIndexOf(','), head.lastIndexOf('；'));
  return comma >= 6 ? head.slice(0, comma) : `${chars.slice(0, TITLE_LENGTH - 1).join('')}…`;
}
