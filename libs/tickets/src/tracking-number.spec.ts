import { formatTrackingNo, isQueryCodeValid, queryCodeFor, TRACKING_NO_PATTERN } from './tracking-number';

describe('tracking numbers', () => {
  it.each([
    ['2026-11-23T02:00:00Z', 42, '261123000042'],
    // 23:30 UTC on the 23rd is already the 24th in Shanghai.
    ['2026-11-23T23:30:00Z', 7, '261124000007'],
    ['2026-12-31T15:59:59Z', 1234567, '2612311234567'],
  ])('%s #%d → %s', (at, seq, expected) => {
    const no = formatTrackingNo(new Date(at), seq);
    expect(no).toBe(expected);
    expect(no).toMatch(TRACKING_NO_PATTERN);
  });
});

describe('query codes', () => {
  const secret = 'a-test-secret-of-enough-length';

  it('is stable for one number and differs between numbers and secrets', () => {
    const code = queryCodeFor('261123000042', secret);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(queryCodeFor('261123000042', secret)).toBe(code);
    expect(queryCodeFor('261123000043', secret)).not.toBe(code);
    expect(queryCodeFor('261123000042', `${secret}x`)).not.toBe(code);
  });

  it('accepts the right code in any case and refuses others', () => {
    const code = queryCodeFor('261123000042', secret);
    expect(isQueryCodeValid('261123000042', code, secret)).toBe(true);
    expect(isQueryCodeValid('261123000042', ` ${code.toLowerCase()} `, secret)).toBe(true);
    expect(isQueryCodeValid('261123000042', code.slice(0, 7), secret)).toBe(false);
    expect(isQueryCodeValid('261123000043', code, secret)).toBe(false);
    expect(isQueryCodeValid('261123000042', '', secret)).toBe(false);
  });
});
