import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarStore } from '@wenzheng/calendar';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { NOTIFICATION_PORT, NotificationPort } from '@wenzheng/notifications';
import { JobHandler, JobName, JobOutcome, PreparePublicationData } from '@wenzheng/queue';
import { deidentify } from '../masking';
import { PublicationEntity, StoredMaskSpan } from '../publication.entity';
import { PublicationService } from '../publication.service';

interface Source {
  tracking_no: string;
  lead_unit_id: string | null;
  category: string | null;
  title: string;
  body: string;
  kind: string;
  sender_name: string | null;
  public_consent: boolean;
  received_at: Date;
  reply: string;
  approved_at: Date;
}

/**
 * Masks an approved reply and its message (the names of units and places stay) into a draft for the unit's reviewer,
 * or publishes it at once with PUBLISH_AUTO_RELEASE. Idempotent: one publication per ticket and round.
 */
@Injectable()
export class PreparePublicationJob implements JobHandler<JobName.PreparePublication> {
  readonly jobName = JobName.PreparePublication;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publications: PublicationService,
    private readonly calendars: CalendarStore,
    @Inject(NOTIFICATION_PORT) private readonly notifications: NotificationPort,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async handle({ ticketId, round }: PreparePublicationData): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [source]: Source[] = await manager.query(
        `SELECT t.tracking_no, t.lead_unit_id, t.category, m.title, m.body, m.kind, m.sender_name, m.public_consent, m.received_at,
                r.body AS reply, r.approved_at
           FROM tickets t JOIN inbound_messages m ON m.id = t.message_id
           JOIN ticket_replies r ON r.ticket_id = t.id AND r.round = $2 AND r.state = 'approved'
          WHERE t.id = $1`,
        [ticketId, round],
      );
      if (!source?.public_consent) return 'skipped';
      const units: { name: string }[] = await manager.query(`SELECT name FROM units`);
      const context = { senderName: source.sender_name, protectedTerms: [...units.map((u) => u.name), source.tracking_no] };
      const [title, message, reply] = [source.title, source.body, source.reply].map((text) => deidentify(text, context));
      const spans = (result: typeof title): StoredMaskSpan[] =>
        result.spans.map(({ kind, start, end, replacement }) => ({ kind, start, end, replacement }));
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO publications (kind, ticket_id, round, state, unit_id, title, message_kind, message_text, reply_text, masks,
                                   received_at, replied_at, working_days, category)
         VALUES ('reply', $1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (ticket_id, round) DO NOTHING RETURNING id`,
        [
          ticketId,
          round,
          source.lead_unit_id,
          title.text,
          source.kind,
          message.text,
          reply.text,
          { title: spans(title), message: spans(message), reply: spans(reply) },
          source.received_at,
          source.approved_at,
          this.calendars.current().workingDaysBetween(source.received_at, source.approved_at).days,
          source.category,
        ],
      );
      if (!inserted.length) return 'skipped';
      const publication = await manager.findOneByOrFail(PublicationEntity, { id: inserted[0].id });
      if (this.config.publishing.autoRelease) {
        await this.publications.publish(manager, publication, 'system:publish');
      } else if (source.lead_unit_id) {
        await this.notifications.send(manager, [
          {
            recipientUnitId: source.lead_unit_id,
            recipientRole: 'reviewer',
            kind: 'publication.draft',
            title: `待公开：工单 ${source.tracking_no}`,
            body: `答复已脱敏，请在 3 个工作日内审核公开（共遮盖 ${title.spans.length + message.spans.length + reply.spans.length} 处）。`,
            ticketId,
            cause: `publication:${publication.id}`,
          },
        ]);
      }
      return 'done';
    });
  }
}
