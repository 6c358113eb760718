import type { HubConfig } from '../../libs/config/src';
import { MonitorProcessor } from '../../libs/monitor/src';
import type { StreamMessage } from '../../libs/monitor/src/demo-stream';
import { KeywordExtractor, TextAnalyzer } from '../../libs/nlp/src';
import { NOTIFICATION_PORT, NotificationPort } from '../../libs/notifications/src';
import type { FixedTime, InProcessHub } from './in-process-hub';
import { call } from './staff-client';
import { waitFor } from './wait-for';

export interface Monitored {
  trackingNo: string;
  messageId: string;
  ticketId: string;
}

/** Submits a portal message at `at` (simulated time) and waits until the monitor has taken it in. */
export async function submitMonitored(hub: InProcessHub, time: FixedTime, at: number, title: string, body: string): Promise<Monitored> {
  time.set(new Date(at));
  const receipt = await call(hub.baseUrl, 'POST', '/api/v1/portal/messages', { body: { title, body, kind: 'complaint', publicConsent: true } });
  if (receipt.status !== 201) throw new Error(`submit: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  return waitFor(`the monitor to take in ${receipt.body.trackingNo}`, async () => {
    const [row] = await hub.dataSource.query(
      `SELECT t.message_id, t.id FROM tickets t JOIN monitor_messages mm ON mm.message_id = t.message_id WHERE t.tracking_no = $1`,
      [receipt.body.trackingNo],
    );
    return row && { trackingNo: receipt.body.trackingNo as string, messageId: row.message_id as string, ticketId: row.id as string };
  });
}

/** A stream in order, one message at a time; answers what became of each, by stream id. */
export async function replayMonitored(hub: InProcessHub, time: FixedTime, messages: readonly StreamMessage[]): Promise<Map<string, Monitored>> {
  const out = new Map<string, Monitored>();
  for (const m of messages) out.set(m.id, await submitMonitored(hub, time, Date.parse(m.time), m.title, m.text));
  return out;
}

/** Submits a portal message at `at` (simulated time) and answers its message id, waiting for nothing behind it. */
export async function submitPortalMessage(
  hub: InProcessHub,
  time: FixedTime,
  at: number,
  title: string,
  body: string,
  phone?: string,
): Promise<string> {
  time.set(new Date(at));
  const receipt = await call(hub.baseUrl, 'POST', '/api/v1/portal/messages', { body: { title, body, kind: 'complaint', publicConsent: true, phone } });
  if (receipt.status !== 201) throw new Error(`submit: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  const [row] = await hub.dataSource.query(`SELECT message_id FROM tickets WHERE tracking_no = $1`, [receipt.body.trackingNo]);
  return row.message_id;
}

/** Gives messages their segmenter tokens as the analyze job would, for a test that runs no worker. */
export async function segmentMessages(hub: InProcessHub, messageIds: readonly string[]): Promise<void> {
  const analyzer = hub.api.get(TextAnalyzer, { strict: false });
  const rows: { id: string; title: string; body: string }[] = await hub.dataSource.query(`SELECT id, title, body FROM inbound_messages WHERE id = ANY($1)`, [messageIds]);
  for (const r of rows) {
    await hub.dataSource.query(`UPDATE inbound_messages SET analysis = $2 WHERE id = $1`, [r.id, { tokens: analyzer.tokenize(`${r.title}\n${r.body}`) }]);
  }
}

/** A monitor processor of the test's own over the hub's database and services, in the test's time. */
export function monitorProcessor(hub: InProcessHub, time: FixedTime, config: HubConfig = hub.config): MonitorProcessor {
  return new MonitorProcessor(
    hub.dataSource,
    hub.api.get(KeywordExtractor, { strict: false }),
    hub.api.get(TextAnalyzer, { strict: false }),
    config,
    hub.api.get<NotificationPort>(NOTIFICATION_PORT, { strict: false }),
    time,
  );
}
