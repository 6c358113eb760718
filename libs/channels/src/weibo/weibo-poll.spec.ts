import { afterWeiboPage, firstWeiboPage, readWeiboTimeline, WeiboPollCursor, WeiboTimelineError } from './weibo-poll';

const ids = (...values: number[]) => values.map((id) => ({ id: String(id) }));
const fresh: WeiboPollCursor = { sinceId: null, resumeMaxId: null, resumeNewestId: null };
const at = (sinceId: string): WeiboPollCursor => ({ sinceId, resumeMaxId: null, resumeNewestId: null });
const small = { pageSize: 3, maxPages: 2 };

describe('the since_id cursor', () => {
  it('starts a first poll from the newest page without back-filling history', () => {
    expect(firstWeiboPage(fresh)).toEqual({});
    expect(afterWeiboPage(fresh, {}, null, ids(30, 20, 10), 1, small)).toEqual({ done: at('30') });
    expect(afterWeiboPage(fresh, {}, null, [], 1, small)).toEqual({ done: fresh });
  });

  it('stops at a short page and moves the cursor to the newest id seen', () => {
    expect(firstWeiboPage(at('10'))).toEqual({ sinceId: '10' });
    expect(afterWeiboPage(at('10'), { sinceId: '10' }, null, ids(40, 30), 1, small)).toEqual({ done: at('40') });
    expect(afterWeiboPage(at('10'), { sinceId: '10' }, null, [], 1, small)).toEqual({ done: at('10') });
  });

  it('pages down below the oldest id of a full page', () => {
    expect(afterWeiboPage(at('10'), { sinceId: '10' }, null, ids(60, 50, 40), 1, small)).toEqual({ next: { sinceId: '10', maxId: '39' }, newestId: '60' });
    expect(afterWeiboPage(at('10'), { sinceId: '10', maxId: '39' }, '60', ids(30), 2, small)).toEqual({ done: at('60') });
  });

  it('out of pages: keeps since_id and resumes below the last page next time', () => {
    const cursor = afterWeiboPage(at('10'), { sinceId: '10', maxId: '39' }, '60', ids(35, 30, 20), 2, small);
    expect(cursor).toEqual({ done: { sinceId: '10', resumeMaxId: '19', resumeNewestId: '60' } });
    const resumed = { sinceId: '10', resumeMaxId: '19', resumeNewestId: '60' };
    expect(firstWeiboPage(resumed)).toEqual({ sinceId: '10', maxId: '19' });
    expect(afterWeiboPage(resumed, { sinceId: '10', maxId: '19' }, null, ids(15), 1, small)).toEqual({ done: at('60') });
  });

  it('compares ids as integers, beyond 2^53 too', () => {
    expect(afterWeiboPage(at('9'), { sinceId: '9' }, null, ids(10, 9_999_999_999), 1, small)).toEqual({ done: at('9999999999') });
    const huge = [{ id: '90071992547409930' }, { id: '90071992547409931' }];
    expect(afterWeiboPage(at('1'), { sinceId: '1' }, null, huge, 1, small)).toEqual({ done: at('90071992547409931') });
  });
});

describe('readWeiboTimeline', () => {
  it('reads posts that @ the account', () => {
    const body = { statuses: [{ id: 4_900_000_000_000_001, idstr: '4900000000000001', created_at: 'Mon Jan 05 10:00:00 +0800 2026', text: '@平度发布 路灯坏了', user: { id: 2_489_518_277, idstr: '2489518277' } }] };
    expect(readWeiboTimeline(body, 'status-mentions')).toEqual([
      { id: '4900000000000001', itemType: 'post', authorId: '2489518277', createdAt: 'Mon Jan 05 10:00:00 +0800 2026', createdAtMs: Date.UTC(2026, 0, 5, 2), text: '@平度发布 路灯坏了' },
    ]);
  });

  it('reads comments with the post they belong to', () => {
    const body = { comments: [{ idstr: '4900000000000009', created_at: 'x', text: '同问', user: { id: 7 }, status: { idstr: '4900000000000001' } }] };
    expect(readWeiboTimeline(body, 'comments-to-me')).toEqual([{ id: '4900000000000009', statusId: '4900000000000001', itemType: 'comment', authorId: '7', createdAt: 'x', text: '同问' }]);
  });

  it.each([
    ['no array', {}, 'status-mentions'],
    ['an error answer', { error_code: 10023, error: 'User requests out of rate limit!' }, 'status-mentions'],
    ['an item without user', { statuses: [{ idstr: '1', text: '' }] }, 'status-mentions'],
    ['an unsafe numeric id', { statuses: [{ id: 2 ** 60, user: { idstr: '1' } }] }, 'status-mentions'],
    ['a comment without its post', { comments: [{ idstr: '1', user: { idstr: '2' } }] }, 'comment-mentions'],
    ['not an object', 'statuses', 'status-mentions'],
  ] as const)('refuses %s', (_, body, timeline) => {
    expect(() => readWeiboTimeline(body, timeline)).toThrow(WeiboTimelineError);
  });
});
