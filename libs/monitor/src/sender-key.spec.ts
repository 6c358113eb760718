import { senderKeyOf } from './sender-key';

describe('senderKeyOf', () => {
  it('gives one sender one key under one secret, and nothing for an unknown sender', () => {
    const key = senderKeyOf('phone:13800000001', 'secret-a');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(senderKeyOf('phone:13800000001', 'secret-a')).toBe(key);
    expect(senderKeyOf('phone:13800000002', 'secret-a')).not.toBe(key);
    expect(senderKeyOf(null, 'secret-a')).toBeNull();
  });

  it('depends on the secret, so that it cannot be undone by hashing every phone number', () => {
    expect(senderKeyOf('phone:13800000001', 'secret-b')).not.toBe(senderKeyOf('phone:13800000001', 'secret-a'));
  });
});
