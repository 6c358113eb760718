/**
 * What the monitor reads of a public Weibo post: its text without the @names and the 回复@name: / //@name: of
 * replies and reposts. Every @mention of the account names the account, so the name would be the one term all
 * mentions share and pull unrelated topics into one cluster. A nickname is letters (Chinese or Latin), digits, _ and -,
 * 30 characters at most, so a name runs up to the first character that cannot be in one (space, punctuation, @):
 * where Weibo's own links end it.
 */
const MENTION = /(?:\/\/|回复)?@[\p{L}\p{N}_-]{1,30}[:：]?/gu;

/** The kind of public post a replay line's channel stands for (`weibo-mention`, `weibo-comment`), or null: a message. */
export function publicPostKindOf(channel: string | undefined): 'mention' | 'comment' | null {
  return channel === 'weibo-mention' ? 'mention' : channel === 'weibo-comment' ? 'comment' : null;
}

export function publicPostText(text: string): string {
  return text.replace(MENTION, ' ').replace(/\s+/gu, ' ').trim();
}
