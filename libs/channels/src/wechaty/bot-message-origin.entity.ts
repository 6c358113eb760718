import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a bot message came from: the talker, and the group when it was written in one (the reply goes back there). */
@Entity({ name: 'bot_message_origins' })
export class BotMessageOriginEntity {
  /** The inbound message's external id (the Wechaty message id). */
  @PrimaryColumn('text', { name: 'external_id', primaryKeyConstraintName: 'pk_bot_message_origins' })
  externalId: string;

  @Column('text', { name: 'talker_id' })
  talkerId: string;

  @Column('text', { name: 'room_id', nullable: true })
  roomId: string | null;

  @Column('text', { name: 'room_topic', nullable: true })
  roomTopic: string | null;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;
}
