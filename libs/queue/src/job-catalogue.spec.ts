import { BOT_QUEUES, JOB_QUEUE, JobName, JobRequest, QueueName, WORKER_QUEUES, jobIdOf, jobNamesOf, parseJobRequest } from './job-catalogue';
import { JobHandler, checkHandlerCoverage } from './job-handler';

const handler = (jobName: JobName): JobHandler => ({ jobName, handle: async () => 'done' });

const CHAT = { channel: 'wechat-mp', accountId: 'a-1', senderId: 'o-1', externalId: 'a-1:msg:1', text: '路灯坏了三天了' };

describe('job catalogue', () => {
  const requests: JobRequest[] = [
    { name: JobName.AnalyzeMessage, data: { messageId: 'm-1', ticketId: 't-1' } },
    { name: JobName.RouteTicket, data: { ticketId: 't-1' } },
    { name: JobName.FireClockTimer, data: { timerId: 'timer-1' } },
    { name: JobName.RetimeClocks, data: { years: [2027], stamp: '2026-11-23T08:00:00.000Z' } },
    { name: JobName.SweepUnanswered, data: { day: '2026-11-23' } },
    { name: JobName.DeliverReply, data: { ticketId: 't-1', round: 1 } },
    { name: JobName.DeliverReply, data: { ticketId: 't-1', round: 2 } },
    { name: JobName.PreparePublication, data: { ticketId: 't-1', round: 1 } },
    { name: JobName.ReceiveChatMessage, data: { ...CHAT, externalId: 'a-1:msg:6054768590064713728' } },
    { name: JobName.ReceiveChatMessage, data: { ...CHAT, externalId: 'a-1:msg:6054768590064713729' } },
    { name: JobName.RetrainRoutingModel, data: { runKey: 'nightly-2026-12-02', trigger: 'schedule', requestedBy: 'system:schedule' } },
    { name: JobName.RetrainRoutingModel, data: { runKey: 'admin-2026-12-02T10:00:00.000Z', trigger: 'admin', requestedBy: 'staff:1' } },
    { name: JobName.AcknowledgePublicPost, data: { postId: 'p-1' } },
    { name: JobName.AcknowledgePublicPost, data: { postId: 'p-2' } },
    { name: JobName.SendBotReply, data: { ticketId: 't-1', round: 1 } },
    { name: JobName.MonitorMessage, data: { messageId: 'm-1' } },
    { name: JobName.MonitorPublicPost, data: { postId: 'p-1' } },
  ];

  it.each(requests)('gives $name a deterministic id without ":"', (request) => {
    expect(jobIdOf(request)).toBe(jobIdOf(structuredClone(request)));
    expect(jobIdOf(request)).not.toContain(':');
  });

  it('gives different jobs different ids', () => {
    expect(new Set(requests.map(jobIdOf)).size).toBe(requests.length);
  });

  it('maps every job to a queue', () => {
    for (const name of Object.values(JobName)) expect(JOB_QUEUE[name]).toBeDefined();
  });

  it('splits the queues between the worker and the bot, every job consumed by exactly one of them', () => {
    expect(jobNamesOf(BOT_QUEUES)).toEqual([JobName.SendBotReply]);
    expect(WORKER_QUEUES).not.toContain(QueueName.Bot);
    expect([...jobNamesOf(WORKER_QUEUES), ...jobNamesOf(BOT_QUEUES)].sort()).toEqual(Object.values(JobName).sort());
  });
});

describe('handler coverage check', () => {
  const all = Object.values(JobName);

  it('accepts exactly one handler per job', () => {
    expect(() => checkHandlerCoverage(all.map(handler), all)).not.toThrow();
  });

  it('refuses a job without a handler', () => {
    expect(() => checkHandlerCoverage([handler(JobName.AnalyzeMessage)], all)).toThrow(/route-ticket: no handler/);
  });

  it('refuses two handlers for one job', () => {
    const handlers = [...all.map(handler), handler(JobName.RouteTicket)];
    expect(() => checkHandlerCoverage(handlers, all)).toThrow(/route-ticket: 2 handlers/);
  });

  it('refuses a handler for a job the catalogue does not know', () => {
    const handlers = [...all.map(handler), handler('made-up' as JobName)];
    expect(() => checkHandlerCoverage(handlers, all)).toThrow(/made-up: handler for an unknown job/);
  });
});

describe('parseJobRequest', () => {
  it.each([
    ['analyze-message', { messageId: 'm', ticketId: 't' }, { name: JobName.AnalyzeMessage, data: { messageId: 'm', ticketId: 't' } }],
    ['route-ticket', { ticketId: 't', extra: 1 }, { name: JobName.RouteTicket, data: { ticketId: 't' } }],
    ['route-ticket', { ticketId: '' }, undefined],
    ['route-ticket', null, undefined],
    ['analyze-message', { messageId: 'm' }, undefined],
    ['fire-clock-timer', { timerId: 'x' }, { name: JobName.FireClockTimer, data: { timerId: 'x' } }],
    ['retime-clocks', { years: [2027, 2028], stamp: 's' }, { name: JobName.RetimeClocks, data: { years: [2027, 2028], stamp: 's' } }],
    ['retime-clocks', { years: ['2027'], stamp: 's' }, undefined],
    ['sweep-unanswered', { day: '2026-11-23' }, { name: JobName.SweepUnanswered, data: { day: '2026-11-23' } }],
    ['deliver-reply', { ticketId: 't', round: 2 }, { name: JobName.DeliverReply, data: { ticketId: 't', round: 2 } }],
    ['deliver-reply', { ticketId: 't', round: '2' }, undefined],
    ['deliver-reply', { round: 1 }, undefined],
    ['prepare-publication', { ticketId: 't', round: 1 }, { name: JobName.PreparePublication, data: { ticketId: 't', round: 1 } }],
    ['receive-chat-message', CHAT, { name: JobName.ReceiveChatMessage, data: CHAT }],
    ['receive-chat-message', { ...CHAT, text: '' }, undefined],
    [
      'retrain-routing-model',
      { runKey: 'nightly-2026-12-02', trigger: 'schedule', requestedBy: 'system:schedule' },
      { name: JobName.RetrainRoutingModel, data: { runKey: 'nightly-2026-12-02', trigger: 'schedule', requestedBy: 'system:schedule' } },
    ],
    ['retrain-routing-model', { runKey: 'x', trigger: 'whenever', requestedBy: 'me' }, undefined],
    ['acknowledge-public-post', { postId: 'p', extra: 1 }, { name: JobName.AcknowledgePublicPost, data: { postId: 'p' } }],
    ['acknowledge-public-post', { postId: 7 }, undefined],
    ['send-bot-reply', { ticketId: 't', round: 1 }, { name: JobName.SendBotReply, data: { ticketId: 't', round: 1 } }],
    ['send-bot-reply', { ticketId: 't' }, undefined],
    ['monitor-message', { messageId: 'm', ticketId: 't' }, { name: JobName.MonitorMessage, data: { messageId: 'm' } }],
    ['monitor-message', { messageId: '' }, undefined],
    ['monitor-public-post', { postId: 'p', messageId: 'm' }, { name: JobName.MonitorPublicPost, data: { postId: 'p' } }],
    ['monitor-public-post', { messageId: 'm' }, undefined],
    ['no-such-job', { ticketId: 't' }, undefined],
  ])('%s %j → %j', (name, data, expected) => {
    expect(parseJobRequest(name, data)).toEqual(expected);
  });
});
