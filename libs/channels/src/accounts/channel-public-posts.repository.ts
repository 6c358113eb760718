import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface PublicPostRecord {
  accountId: string;
  kind: 'mention' | 'comment';
  dedupeKey: string;
  source: 'push' | 'poll';
  platformPostId?: string;
  platformStatusId?: string;
  authorId: string;
  text: string;
  postedAt: Date | null;
  payload: Record<string, unknown>;
  receivedAt: Date;
  /** Set at once when the push's answer carries the acknowledgement, or nothing will be said ('none'). */
  acknowledgedVia?: string;
}

export interface RecordedPublicPost {
  id: string;
  /** False when the platform's retry, or the other path (push / poll), recorded it already. */
  inserted: boolean;
  acknowledgedVia: string | null;
}

/** Public @mentions and comments, once per platform key; the monitor reads them from channel_public_posts. */
@Injectable()
export class ChannelPublicPostsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a post once; a later sighting only fills in the platform ids the first one lacked (a push has none). */
  async record(post: PublicPostRecord, manager: EntityManager = this.dataSource.manager): Promise<RecordedPublicPost> {
    const [row]: { id: string; inserted: boolean; acknowledged_via: string | null }[] = await manager.query(
      `INSERT INTO channel_public_posts
         (account_id, kind, dedupe_key, source, platform_post_id, platform_status_id, author_id, text, posted_at, payload, received_at, acknowledged_via, acknowledged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, CASE WHEN $12::text IS NULL THEN NULL ELSE $11::timestamptz END)
       ON CONFLICT (account_id, dedupe_key) DO UPDATE
         SET platform_post_id = COALESCE(channel_public_posts.platform_post_id, EXCLUDED.platform_post_id),
             platform_status_id = COALESCE(channel_public_posts.platform_status_id, EXCLUDED.platform_status_id)
       RETURNING id, (xmax = 0) AS inserted, acknowledged_via`,
      [
        post.accountId,
        post.kind,
        post.dedupeKey,
        post.source,
        post.platformPostId ?? null,
        post.platformStatusId ?? null,
        post.authorId,
        post.text,
        post.postedAt,
        post.payload,
        post.receivedAt,
        post.acknowledgedVia ?? null,
      ],
    );
    return { id: row.id, inserted: row.inserted, acknowledgedVia: row.acknowledged_via };
  }
}
