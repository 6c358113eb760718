/** How a platform takes a long text: characters per message, and messages per reply before the rest goes to the status page. */
export interface PartLimits {
  partLength: number;
  maxParts: number;
}

/** Splits a reply into chat messages: at most `maxParts`, the last one pointing to the status page if cut. */
export function replyParts(body: string, overflow: string, limits: PartLimits): string[] {
  const { partLength, maxParts } = limits;
  const chars = [...body];
  if (chars.length <= partLength * maxParts) {
    const parts: string[] = [];
    for (let i = 0; i < chars.length; i += partLength) parts.push(chars.slice(i, i + partLength).join(''));
    return parts.length ? parts : [''];
  }
  return [...replyParts(chars.slice(0, partLength * (maxParts - 1)).join(''), overflow, limits), overflow];
}
