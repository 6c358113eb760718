import { randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import type { HubConfig } from '@wenzheng/config';
import { JobName, redisOptionsFromUrl } from '@wenzheng/queue';
import type { PortalSubmission } from './corpus';

const BASELINE_QUEUE = 'bench-baseline';

/**
 * The baseline the hub's intake is compared with: per message one plain INSERT of a row shaped like inbound_messages
 * (scratch table, same unique key) and one BullMQ add with the hub's job options, on the same PostgreSQL and Redis,
 * with a pool of the hub's size. No validation, no ticket, no event, no outbox, no transaction.
 */
export class BareIntake {
  private constructor(
    private readonly pool: Pool,
    private readonly queue: Queue,
    private readonly config: HubConfig,
  ) {}

  static async open(config: HubConfig): Promise<BareIntake> {
    const pool = new Pool({ connectionString: config.database.url, max: config.database.poolSize });
    await pool.query(`
      CREATE TABLE IF NOT EXISTS bench_baseline_messages (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        channel         text        NOT NULL,
        external_id     text        NOT NULL,
        title           text        NOT NULL,
        body            text        NOT NULL,
        kind            text        NOT NULL,
        sender_name     text,
        sender_phone    text,
        public_consent  boolean     NOT NULL,
        received_at     timestamptz NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bench_baseline_messages PRIMARY KEY (id),
        CONSTRAINT uq_bench_baseline_messages_channel_external_id UNIQUE (channel, external_id)
      )`);
    const queue = new Queue(BASELINE_QUEUE, {
      connection: redisOptionsFromUrl(config.redis.url),
      prefix: config.redis.queuePrefix,
    });
    await queue.waitUntilReady();
    return new BareIntake(pool, queue, config);
  }

  async store(message: PortalSubmission): Promise<string> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO bench_baseline_messages
         (channel, external_id, title, body, kind, sender_name, sender_phone, public_consent, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING id`,
      [
        'portal',
        message.clientRequestId ?? `anon-${randomUUID()}`,
        message.title,
        message.body,
        message.kind,
        message.name ?? null,
        message.phone ?? null,
        message.publicConsent,
        new Date(),
      ],
    );
    const id = rows[0].id;
    await this.queue.add(
      JobName.AnalyzeMessage,
      { messageId: id },
      {
        jobId: `${JobName.AnalyzeMessage}-${id}`,
        attempts: this.config.queue.attempts,
        backoff: { type: 'exponential', delay: this.config.queue.backoffMs },
        removeOnComplete: { age: 3600, count: 10000 },
        removeOnFail: false,
      },
    );
    return id;
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.pool.end();
  }
}

/** The same INSERT + add behind a bare node:http server (JSON in, 201 JSON out), to show what HTTP alone costs. */
export async function startBareHttpServer(intake: BareIntake): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let message: PortalSubmission;
      try {
        message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PortalSubmission;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"bad JSON"}');
        return;
      }
      intake.store(message).then(
        (id) => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id })),
        (error: Error) =>
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: error.message })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('baseline server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/messages`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
