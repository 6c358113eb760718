import { SecretBox, SecretBoxError } from './secret-box';

const KEY = 'a-channel-secrets-key-of-32-characters!';

describe('SecretBox', () => {
  const box = new SecretBox(KEY);

  it.each(['', 'secret', '公众号令牌 token', 'x'.repeat(10_000)])('opens what it sealed: %#', (plain) => {
    const sealed = box.seal(plain);
    expect(sealed).not.toContain(plain || '\u0000');
    expect(box.open(sealed)).toBe(plain);
  });

  it('seals the same text differently each time (random nonce)', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses to open with another key', () => {
    expect(() => new SecretBox(`${KEY}-rotated`).open(box.seal('secret'))).toThrow(SecretBoxError);
  });

  it.each([
    ['a flipped ciphertext byte', (s: string) => s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.slice(-1)],
    ['another tag', (s: string) => s.split('.').map((p, i) => (i === 2 ? Buffer.alloc(16).toString('base64url') : p)).join('.')],
    ['no version', (s: string) => s.split('.').slice(1).join('.')],
    ['a future version', (s: string) => s.replace(/^v1\./, 'v2.')],
    ['an extra part', (s: string) => `${s}.x`],
    ['plain text', () => 'not sealed'],
  ])('refuses %s', (_, tamper) => {
    expect(() => box.open(tamper(box.seal('secret')))).toThrow(SecretBoxError);
  });
});
