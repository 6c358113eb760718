import { escapeHtml, messageKindText } from '@wenzheng/web-pages';
import { ARCHIVE_FEED_PATH, ARCHIVE_PATH, archiveReplyPath } from './archive-pages';
import type { ArchiveEntry } from './archive.views';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** Characters XML 1.0 does not allow at all, even escaped (control characters, lone surrogates, U+FFFE/FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an XML element or attribute: the characters XML cannot carry dropped, then the HTML escapes (valid XML too). */
export function xmlText(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

export interface ArchiveFeedOptions {
  /** Where the archive is reached, e.g. `https://wenzheng.example.gov.cn`: Atom wants absolute ids and links. */
  baseUrl: string;
  /** The feed's `updated` when it has no entry. */
  now: Date;
}

/**
 * The newest published replies as an Atom feed (RFC 4287): one entry per reply with its masked texts as plain text,
 * linking to its page. Entry ids are `urn:uuid:` of the publication, so they stay the same if the site moves.
 */
export function renderArchiveFeed(entries: readonly ArchiveEntry[], options: ArchiveFeedOptions): string {
  const base = options.baseUrl.replace(/\/+$/, '');
  const updated = entries.reduce((latest, e) => (e.publishedAt > latest ? e.publishedAt : latest), '') || options.now.toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<id>${xmlText(`${base}${ARCHIVE_PATH}`)}</id>
<title>问政 · 公开答复</title>
<subtitle>承办单位对群众来信的答复（已隐去个人信息）</subtitle>
<link rel="self" type="application/atom+xml" href="${xmlText(`${base}${ARCHIVE_FEED_PATH}`)}"/>
<link rel="alternate" type="text/html" href="${xmlText(`${base}${ARCHIVE_PATH}`)}"/>
<updated>${isoTime(updated)}</updated>
<author><name>问政</name></author>
<generator>Wenzheng</generator>
${entries.map((entry) => feedEntry(entry, base)).join('\n')}
</feed>
`;
}

function feedEntry(entry: ArchiveEntry, base: string): string {
  const kind = entry.kind === 'interpretation' ? '政策解读' : entry.messageKind ? messageKindText(entry.messageKind) : null;
  const [messageLabel, replyLabel] = entry.kind === 'interpretation' ? ['政策内容', '解读'] : ['来信', '答复'];
  const content = `${messageLabel}：\n${entry.messageText}\n\n${replyLabel}${entry.unit ? `（${entry.unit.name}）` : ''}：\n${entry.replyText}`;
  return `<entry>
<id>urn:uuid:${xmlText(entry.id)}</id>
<title type="text">${xmlText(entry.title)}</title>
<link rel="alternate" type="text/html" href="${xmlText(`${base}${archiveReplyPath(entry.id)}`)}"/>
<published>${isoTime(entry.publishedAt)}</published>
<updated>${isoTime(entry.publishedAt)}</updated>
${entry.unit ? `<author><name>${xmlText(entry.unit.name)}</name></author>\n` : ''}${kind ? `<category term="${xmlText(entry.kind === 'interpretation' ? 'interpretation' : (entry.messageKind ?? ''))}" label="${xmlText(kind)}"/>\n` : ''}<content type="text">${xmlText(content)}</content>
</entry>`;
}

/** RFC 3339 as Atom wants it. */
function isoTime(iso: string): string {
  return new Date(iso).toISOString();
}
