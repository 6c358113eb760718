import { DutyNotice, planDutyFlush } from './duty-digest';

const CONSOLE = 'https://wz.example.gov.cn/console/';
const PACING = { gatherMs: 10_000, minIntervalMs: 60_000 };
const at = (s: string) => new Date(`2026-12-02T${s}+08:00`);
const notice = (i: number, createdAt: Date, ticketId: string | null = null): DutyNotice => ({
  id: `n-${i}`,
  title: `督办：工单 2612020000${String(i).padStart(2, '0')} 已超期`,
  body: '答复期限已于 2026-12-01 23:59 届满，请尽快办理。',
  ticketId,
  createdAt,
});

describe('planDutyFlush', () => {
  it('sends nothing when nothing is pending', () => {
    expect(planDutyFlush([], null, at('10:00:00'), PACING, CONSOLE)).toEqual({ send: false, notBefore: null });
  });

  it('waits for the rest of a storm, then sends one notice as it is, linking its ticket', () => {
    const pending = [notice(1, at('10:00:00'), 't-1')];
    expect(planDutyFlush(pending, null, at('10:00:09'), PACING, CONSOLE)).toEqual({ send: false, notBefore: at('10:00:10') });
    expect(planDutyFlush(pending, null, at('10:00:10'), PACING, CONSOLE)).toEqual({
      send: true,
      ids: ['n-1'],
      text: `督办：工单 261202000001 已超期\n答复期限已于 2026-12-01 23:59 届满，请尽快办理。\n详情：${CONSOLE}#/tickets/t-1`,
    });
  });

  it('turns ten notices of one minute into one digest', () => {
    const pending = Array.from({ length: 10 }, (_, i) => notice(i + 1, new Date(at('10:00:00').getTime() + i * 6_000)));
    const flush = planDutyFlush(pending, null, at('10:01:05'), PACING, CONSOLE);
    expect(flush.send).toBe(true);
    if (!flush.send) return;
    expect(flush.ids).toHaveLength(10);
    const lines = flush.text.split('\n');
    expect(lines[0]).toBe('【值班提醒】10 条新通知（10:00–10:00）：');
    expect(lines.filter((l) => /^\d+\. 督办/.test(l))).toHaveLength(10);
    expect(lines.at(-1)).toBe(`查看：${CONSOLE}`);
  });

  it('lists ten lines at most and counts the rest', () => {
    const pending = Array.from({ length: 25 }, (_, i) => notice(i + 1, at('10:00:00')));
    const flush = planDutyFlush(pending, null, at('10:05:00'), PACING, CONSOLE);
    expect(flush.send && flush.ids).toHaveLength(25);
    expect(flush.send && flush.text).toContain('另有 15 条，请到控制台查看。');
  });

  it('holds a group that had a message within the interval until the interval ends', () => {
    const pending = [notice(1, at('10:00:00')), notice(2, at('10:00:20'))];
    expect(planDutyFlush(pending, at('09:59:30'), at('10:00:15'), PACING, CONSOLE)).toEqual({ send: false, notBefore: at('10:00:30') });
    expect(planDutyFlush(pending, at('09:59:30'), at('10:00:30'), PACING, CONSOLE)).toMatchObject({ send: true, ids: ['n-1', 'n-2'] });
  });

  it('names the first day when a digest spans midnight', () => {
    const pending = [notice(1, at('23:59:00')), notice(2, new Date(at('23:59:00').getTime() + 120_000))];
    const flush = planDutyFlush(pending, null, new Date(at('23:59:00').getTime() + 180_000), PACING, CONSOLE);
    expect(flush.send && flush.text.split('\n')[0]).toBe('【值班提醒】2 条新通知（2026年12月2日起）：');
  });
});
