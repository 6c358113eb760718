import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The WeChat bot: where each bot message came from (a group and its member, or a private chat), so the receipt and
 * the reply go back to the same place; and notices for duty groups (督办, alerts), written in the transaction of
 * their cause and sent by the bot, gathered into digests.
 */
export class WechatBot1796217736193 implements MigrationInterface {
  name = 'WechatBot1796217736193';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE bot_message_origins (
        external_id  text        NOT NULL,
        talker_id    text        NOT NULL,
        room_id      text,
        room_topic   text,
        received_at  timestamptz NOT NULL,
        CONSTRAINT pk_bot_message_origins PRIMARY KEY (external_id)
      )`);
    await db.query(`
      CREATE TABLE duty_group_notices (
        id           uuid        NOT NULL DEFAULT gen_random_uuid(),
        group_topic  text        NOT NULL,
        kind         text        NOT NULL,
        title        text        NOT NULL,
        body         text        NOT NULL,
        ticket_id    uuid,
        cause        text        NOT NULL,
        created_at   timestamptz NOT NULL,
        sent_at      timestamptz,
        attempts     integer     NOT NULL DEFAULT 0,
        last_error   text,
        CONSTRAINT pk_duty_group_notices PRIMARY KEY (id)
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_duty_group_notices_group_cause ON duty_group_notices (group_topic, cause)`);
    await db.query(`CREATE INDEX ix_duty_group_notices_unsent ON duty_group_notices (group_topic, created_at) WHERE sent_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE duty_group_notices`);
    await db.query(`DROP TABLE bot_message_origins`);
  }
}
