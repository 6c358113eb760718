import type { StreamMessage } from '../../libs/monitor/src/demo-stream';
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
