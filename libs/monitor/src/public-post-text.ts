/**
 * What the monitor reads of a public Weibo post: its text without the @names and the 回复@name: / //@name: of
 * replies and reposts. Every @mention of the account names the account, so the name would be the one term all
 * mentions share and pull unrelated topics into one cluster. A nickname is letters (Chinese or Latin), digits, _ and -,
 * 30 characters at most, so a name runs up to the first character that cannot be in one (space, punctuation, @):
 * where Weibo's own links end it.
 */
const MENTION = /(?:\/\/|回复)?@[\p{L}\p{N}_-]{1,30}[:：]?/gu;

/** The channel the monitor records a public post of this kind on. */
export function publicPostChannel(kind: 'mention' | 'comment'): string {
  return `weibo-${kind}`;
}

/** The kind of public post a channel stands for (`publicPostChannel`'s inverse), or null: a message's channel. */
export function publicPostKindOf(channel: string | undefined): 'mention' | 'comment' | null {
  for (const kind of ['mention', 'comment'] as const) if (channel === publicPostChannel(kind)) return kind;
  return null;
}

export function publicPostText(text: string): string {
  return text.replace(MENTION, ' ').replace(/\s+/gu, ' ').trim();
}
