import { pushTimestampFresh, queryText, urlCheckAnswer } from './webhook-answer';

describe('webhook checks', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const seconds = String(now.getTime() / 1000);

  it.each<[string, string, 1 | 1000, boolean]>([
    ['seconds, now', seconds, 1000, true],
    ['seconds, 300 s ago', String(Number(seconds) - 300), 1000, true],
    ['seconds, 301 s ago', String(Number(seconds) - 301), 1000, false],
    ['seconds, 301 s ahead', String(Number(seconds) + 301), 1000, false],
    ['milliseconds, now', String(now.getTime()), 1, true],
    ['milliseconds, 300.001 s ago', String(now.getTime() - 300_001), 1, false],
    ['milliseconds read as seconds', String(now.getTime()), 1000, false],
    ['empty', '', 1000, false],
    ['not digits', '1e9', 1000, false],
    ['negative', `-${seconds}`, 1000, false],
  ])('%s', (_, timestamp, unit, fresh) => {
    expect(pushTimestampFresh(timestamp, unit, now, 300)).toBe(fresh);
  });

  it('echoes only signed URL checks', () => {
    expect(urlCheckAnswer(true, 'abc')).toEqual({ status: 200, contentType: 'text/plain', body: 'abc' });
    expect(urlCheckAnswer(false, 'abc')).toEqual({ status: 403, contentType: 'text/plain', body: 'signature mismatch' });
    expect(urlCheckAnswer(true, '')).toMatchObject({ status: 403 });
  });

  it('reads single query values only', () => {
    expect([queryText('a'), queryText(['a', 'b']), queryText(undefined)]).toEqual(['a', '', '']);
  });
});
