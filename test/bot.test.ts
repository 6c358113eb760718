import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { bootstrapBot } from '../apps/bot/src/bootstrap';
import { BotConversation, DutyGroupSender, WechatySession } from '../libs/channels/src';
import { NOTIFICATION_PORT, Notice, NotificationPort } from '../libs/notifications/src';
import { formatShanghaiDate } from '../libs/web-pages/src';
import { FixedTime, InProcessHub, startInProcessHub } from './support/in-process-hub';
import { call, login } from './support/staff-client';
import { waitFor } from './support/wait-for';

const at = (s: string) => new Date(`${s}+08:00`);
const STREETLIGHT = '李园街道幸福小区门口的路灯坏了三天了，晚上出行很不安全，请尽快维修。';
const CITIZEN_GROUP = '幸福小区居民群';
const DUTY_GROUP = '网信办值班群';

/** What the bot sent to a mock contact or group, in order (the mock also emits what the contact itself says). */
function inbox(target: mock.ContactMock | mock.RoomMock, botUser: mock.ContactMock): string[] {
  const texts: string[] = [];
  target.on('message', (message) => {
    if (message.talker().id === botUser.id) texts.push(message.text() ?? '');
  });
  return texts;
}

describe('the WeChat bot on wechaty-puppet-mock', () => {
  const time = new FixedTime(at('2026-11-16T10:00:00'));
  let hub: InProcessHub;
  let bot: INestApplicationContext;
  let spool: string;
  let mocker: mock.Mocker;
  let botUser: mock.ContactMock;
  let alice: mock.ContactMock;
  let bob: mock.ContactMock;
  let aliceInbox: string[];
  let bobInbox: string[];

  beforeAll(async () => {
    spool = await mkdtemp(join(tmpdir(), 'wz-bot-spool-'));
    hub = await startInProcessHub({
      time,
      env: {
        BOT_GROUPS: CITIZEN_GROUP,
        BOT_DUTY_GROUPS: JSON.stringify({ 'monitor.*': [DUTY_GROUP] }),
        BOT_DUTY_GATHER_MS: '10000',
        BOT_DUTY_MIN_INTERVAL_MS: '60000',
        // The test flushes by hand at simulated moments.
        BOT_DUTY_POLL_MS: '600000',
        BOT_DELIVERY_WAIT_MS: '15000',
        BOT_SPOOL_DIR: spool,
        PUBLIC_BASE_URL: 'https://wz.pingdu.example.cn',
      },
    });
    mocker = new mock.Mocker();
    bot = await bootstrapBot(hub.config, { time, puppet: new PuppetMock({ mocker }) });
    botUser = mocker.createContact({ name: '问政小助手' });
    mocker.login(botUser);
    await waitFor('the bot to log in', async () => bot.get(WechatySession).loggedIn);
    alice = mocker.createContact({ name: '张阿姨' });
    bob = mocker.createContact({ name: '李师傅' });
    aliceInbox = inbox(alice, botUser);
    bobInbox = inbox(bob, botUser);
  });

  afterAll(async () => {
    await bot?.close();
    await hub?.close();
    await rm(spool, { recursive: true, force: true });
  });

  const ticketsOf = (senderId: string) =>
    hub.dataSource.query(
      `SELECT t.id, t.tracking_no, t.reply_due_at, m.external_id, m.body, m.acknowledged_via FROM tickets t JOIN inbound_messages m ON m.id = t.message_id
        WHERE m.channel = 'wechaty' AND m.sender_id = $1 ORDER BY m.received_at`,
      [senderId],
    );
  const nextText = (texts: string[], after: number, what: string) => waitFor(what, async () => texts[after]);

  let aliceTicket: { id: string; tracking_no: string; external_id: string; reply_due_at: Date };
  const dueOf = (ticket: { reply_due_at: Date }) => formatShanghaiDate(ticket.reply_due_at.toISOString());
  let aliceQueryCode: string;

  it('turns a private text into a ticket and answers with its tracking number, query code and deadline', async () => {
    const before = aliceInbox.length;
    alice.say(STREETLIGHT).to(botUser);
    const receipt = await nextText(aliceInbox, before, 'the receipt');
    // The contact has the receipt a moment before the hub records how it went out.
    const [ticket, ...more] = await waitFor('the receipt recorded', async () => {
      const rows = await ticketsOf(alice.id);
      return rows.length && rows[0].acknowledged_via !== 'sending' ? rows : undefined;
    });
    expect(more).toHaveLength(0);
    expect(ticket).toMatchObject({ body: STREETLIGHT, acknowledged_via: 'wechaty-private' });
    expect(receipt).toContain(`受理编号：${ticket.tracking_no}`);
    expect(receipt).toMatch(/查询码：[2-9A-HJ-NP-Z]{8}/);
    expect(receipt).toContain(`答复期限：${dueOf(ticket)}前`);
    aliceTicket = ticket;
    aliceQueryCode = /查询码：(\w{8})/.exec(receipt)?.[1] as string;
  });

  it('creates nothing new and sends no second receipt for a duplicate of the same message', async () => {
    const before = aliceInbox.length;
    const duplicate = { id: aliceTicket.external_id, self: false, talkerId: alice.id, talkerIsOfficial: false, type: 'text' as const, text: STREETLIGHT, room: null, mentionsSelf: false };
    await bot.get(BotConversation).handle(duplicate);
    await bot.get(BotConversation).handle(duplicate);
    expect(await ticketsOf(alice.id)).toHaveLength(1);
    const [{ count }] = await hub.dataSource.query(`SELECT count(*)::int AS count FROM inbound_messages WHERE channel = 'wechaty'`);
    expect(count).toBe(1);
    expect(aliceInbox.slice(before)).toEqual([]);
  });

  it('answers 查询 with the right status for the sender, and refuses another person without the right query code', async () => {
    await waitFor('routing', async () => {
      const [row] = await hub.dataSource.query(`SELECT status FROM tickets WHERE id = $1`, [aliceTicket.id]);
      return ['assigned', 'dispatching'].includes(row.status);
    }, { timeoutMs: 45000 });
    await hub.dataSource.query(`UPDATE tickets SET status = 'assigned', lead_unit_id = (SELECT id FROM units WHERE code = 'pingdu-construction'), assisting_unit_ids = '{}' WHERE id = $1`, [
      aliceTicket.id,
    ]);
    const no = aliceTicket.tracking_no;

    let before = aliceInbox.length;
    alice.say(`查询 ${no}`).to(botUser);
    expect(await nextText(aliceInbox, before, 'the own status')).toBe(`${no}「李园街道幸福小区门口的路灯坏了三天了，晚上出行很不安全」：已派至承办单位（市城乡建设局），答复期限 ${dueOf(aliceTicket)}`);

    before = bobInbox.length;
    bob.say(`查询 ${no}`).to(botUser);
    const refused = await nextText(bobInbox, before, 'the refusal without a code');
    expect(refused).toContain(`没有找到您提交的受理编号为 ${no} 的留言`);
    bob.say(`查询 ${no} ${aliceQueryCode === 'ABCDEFGH' ? 'HGFEDCBA' : 'ABCDEFGH'}`).to(botUser);
    const wrongCode = await nextText(bobInbox, before + 1, 'the refusal with a wrong code');
    expect(wrongCode).toContain(`没有找到您提交的受理编号为 ${no} 的留言`);
    expect([refused, wrongCode].join()).not.toContain('路灯');
    expect([refused, wrongCode].join()).not.toContain('已派至承办单位');

    bob.say(`查询 ${no} ${aliceQueryCode}`).to(botUser);
    expect(await nextText(bobInbox, before + 2, 'the status with the right code')).toContain('已派至承办单位（市城乡建设局）');
  });

  it('takes a message that @mentions the bot in a configured group, and not an unmentioned one or another group', async () => {
    const group = mocker.createRoom({ topic: CITIZEN_GROUP, memberIdList: [botUser.id, alice.id, bob.id] });
    const other = mocker.createRoom({ topic: '业主闲聊群', memberIdList: [botUser.id, bob.id] });
    const groupInbox = inbox(group, botUser);
    const otherInbox = inbox(other, botUser);
    const unmentioned = '小区垃圾站三天没有清运了，气味很大，希望尽快处理。';
    const elsewhere = '隔壁楼的电梯又坏了，老人上下楼很困难，请安排维修。';
    const mentioned = '幸福小区南门的下水道堵了，污水漫到路上，请尽快疏通。';
    bob.say(unmentioned).to(group);
    bob.say(elsewhere, [botUser]).to(other);
    const before = groupInbox.length;
    bob.say(mentioned, [botUser]).to(group);

    const receipt = await waitFor('the receipt in the group', async () => groupInbox.slice(before).find((t) => t.includes('您的留言已受理')));
    const taken = await ticketsOf(bob.id);
    expect(taken.map((t: { body: string }) => t.body)).toEqual([mentioned]);
    expect(receipt).toContain(`受理编号：${taken[0].tracking_no}`);
    expect(receipt).not.toContain('查询码：');
    const [origin] = await hub.dataSource.query(`SELECT room_id, room_topic, talker_id FROM bot_message_origins WHERE external_id = $1`, [taken[0].external_id]);
    expect(origin).toEqual({ room_id: group.id, room_topic: CITIZEN_GROUP, talker_id: bob.id });
    expect(otherInbox).toEqual([]);
  });

  it('delivers the approved reply to the contact who wrote, and records it', async () => {
    const staff = async (username: string, method: string, path: string, body?: unknown) =>
      call(hub.baseUrl, method, `/api/v1/staff${path}`, { token: await login(hub.baseUrl, username), body });
    await staff('pingdu-construction.handler', 'POST', `/tickets/${aliceTicket.id}/claim`);
    await staff('pingdu-construction.handler', 'PUT', `/tickets/${aliceTicket.id}/reply`, { body: '经查，路灯线路老化，已于今日更换，现已恢复照明。' });
    await staff('pingdu-construction.handler', 'POST', `/tickets/${aliceTicket.id}/submit`);
    const before = aliceInbox.length;
    expect((await staff('pingdu-construction.reviewer', 'POST', `/tickets/${aliceTicket.id}/approve`)).status).toBe(200);

    const reply = await nextText(aliceInbox, before, 'the reply');
    expect(reply).toBe(`【答复】您的留言（受理编号 ${aliceTicket.tracking_no}）已由市城乡建设局答复：\n经查，路灯线路老化，已于今日更换，现已恢复照明。`);
    const delivery = await waitFor('the delivery record', async () => {
      const [row] = await hub.dataSource.query(`SELECT state, method FROM ticket_deliveries WHERE ticket_id = $1`, [aliceTicket.id]);
      return row?.state === 'sent' ? row : undefined;
    });
    expect(delivery).toEqual({ state: 'sent', method: 'wechaty-private' });
    const events = await hub.dataSource.query(`SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'reply.delivered'`, [aliceTicket.id]);
    expect(events).toHaveLength(1);
  });

  it('keeps a message PostgreSQL refuses in the local spool, then takes it in and answers it once PostgreSQL takes it', async () => {
    const carol = mocker.createContact({ name: '王大姐' });
    const carolInbox = inbox(carol, botUser);
    await hub.dataSource.query(`
      CREATE FUNCTION refuse_intake() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'database refuses writes'; END $$;
      CREATE TRIGGER refuse_intake BEFORE INSERT ON inbound_messages FOR EACH ROW EXECUTE FUNCTION refuse_intake();`);
    try {
      carol.say('小区东门的井盖丢了，晚上很危险。').to(botUser);
      await waitFor('the message in the spool', async () => (await readdir(spool)).some((name) => name.endsWith('.json')));
      expect(await ticketsOf(carol.id)).toEqual([]);
    } finally {
      await hub.dataSource.query(`DROP TRIGGER refuse_intake ON inbound_messages; DROP FUNCTION refuse_intake();`);
    }
    // The bot retries every few seconds; the test asks at once.
    await bot.get(BotConversation).replaySpool();
    const [ticket, ...more] = await ticketsOf(carol.id);
    expect(more).toEqual([]);
    expect(ticket.body).toBe('小区东门的井盖丢了，晚上很危险。');
    const receipt = await nextText(carolInbox, 0, 'the receipt after the spool');
    expect(receipt).toContain(`受理编号：${ticket.tracking_no}`);
    expect((await readdir(spool)).filter((name) => name.endsWith('.json'))).toEqual([]);
    await bot.get(BotConversation).replaySpool();
    expect(await ticketsOf(carol.id)).toHaveLength(1);
    expect(carolInbox.filter((text) => text.includes('受理编号'))).toHaveLength(1);
  });

  describe('duty groups', () => {
    let duty: mock.RoomMock;
    let dutyInbox: string[];
    let unitId: string;

    beforeAll(async () => {
      duty = mocker.createRoom({ topic: DUTY_GROUP, memberIdList: [botUser.id, alice.id] });
      dutyInbox = inbox(duty, botUser);
      [{ id: unitId }] = await hub.dataSource.query(`SELECT id FROM units WHERE code = 'pingdu-cyberspace'`);
    });

    /** An alert as the monitor raises it: through the notification port, in its own transaction. */
    const alert = (n: number, ticketId: string | null = null) => {
      const notice: Notice = {
        recipientUnitId: unitId,
        recipientRole: 'monitor',
        kind: 'monitor.alert',
        title: `舆情预警：“幸福小区停水” 1 小时内 ${n * 10} 条`,
        body: '同一话题短时集中出现，请关注。',
        ticketId,
        cause: `test-alert:${n}`,
      };
      const port = (hub.worker as INestApplicationContext).get<NotificationPort>(NOTIFICATION_PORT);
      return hub.dataSource.transaction((manager) => port.send(manager, [notice]));
    };
    const flush = () => bot.get(DutyGroupSender).flush();

    it('sends an alert to its duty group with a link to the console, and to the in-app inbox', async () => {
      time.set(at('2026-11-16T11:00:00'));
      await alert(1, aliceTicket.id);
      expect(await flush()).toBe(0); // gathering the rest of a possible storm
      time.set(at('2026-11-16T11:00:10'));
      expect(await flush()).toBe(1);
      const text = await nextText(dutyInbox, 0, 'the alert');
      expect(text).toBe(`舆情预警：“幸福小区停水” 1 小时内 10 条\n同一话题短时集中出现，请关注。\n详情：https://wz.pingdu.example.cn/console/#/tickets/${aliceTicket.id}`);
      const inApp = await hub.dataSource.query(`SELECT kind FROM notifications WHERE recipient_unit_id = $1 AND kind = 'monitor.alert'`, [unitId]);
      expect(inApp).toHaveLength(1);
    });

    it('turns ten alerts within a minute into one digest', async () => {
      const before = dutyInbox.length;
      for (let n = 2; n <= 11; n++) {
        time.set(new Date(at('2026-11-16T11:05:00').getTime() + (n - 2) * 6_000));
        await alert(n);
      }
      time.set(at('2026-11-16T11:06:10'));
      expect(await flush()).toBe(1);
      expect(await flush()).toBe(0);
      const digest = await nextText(dutyInbox, before, 'the digest');
      const lines = digest.split('\n');
      expect(lines[0]).toBe('【值班提醒】10 条新通知（11:05–11:05）：');
      expect(lines.filter((l) => /^\d+\. 舆情预警/.test(l))).toHaveLength(10);
      expect(lines.at(-1)).toBe('查看：https://wz.pingdu.example.cn/console/');
      const [{ unsent }] = await hub.dataSource.query(`SELECT count(*)::int AS unsent FROM duty_group_notices WHERE sent_at IS NULL`);
      expect(unsent).toBe(0);
      expect(dutyInbox.slice(before)).toHaveLength(1);
    });
  });
});
