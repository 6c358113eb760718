import { MaskSpan, maskSpan } from './mask-span';

const LOCAL_PART = '(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*';
const DOMAIN = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}(?![A-Za-z0-9-])';
const EMAIL = new RegExp(`${LOCAL_PART}@${DOMAIN}`, 'g');

/** Keeps the first character of the local part and the whole domain: z***@163.com. */
export function findEmails(text: string, folded: string): MaskSpan[] {
  return [...folded.matchAll(EMAIL)].map((match) => {
    const end = match.index + match[0].length;
    const at = match.index + match[0].indexOf('@');
    return maskSpan(text, 'email', match.index, end, `${text[match.index]}***${text.slice(at, end)}`);
  });
}
