import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A citizen's message PostgreSQL did not take: everything needed to take it in and answer it later. */
export interface SpooledMessage {
  externalId: string;
  talkerId: string;
  roomId: string | null;
  roomTopic: string | null;
  text: string;
  receivedAt: string;
}

const isSpooled = (value: unknown): value is SpooledMessage => {
  const m = value as Record<string, unknown>;
  return typeof m?.externalId === 'string' && typeof m.talkerId === 'string' && typeof m.text === 'string' && typeof m.receivedAt === 'string';
};

/**
 * The bot's local durable buffer: one fsync'ed file per message, written before the citizen is told anything went
 * wrong, removed once the intake has it. Wechaty never delivers a message twice, so this is the message's only copy.
 */
export class BotSpool {
  constructor(private readonly directory: string) {}

  async put(message: SpooledMessage): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const file = this.file(message.externalId);
    const partial = `${file}.partial`;
    const handle = await open(partial, 'w');
    try {
      await handle.writeFile(JSON.stringify(message));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  }

  /** Oldest first; an unreadable file is set aside (renamed `.bad`), never retried forever. */
  async list(): Promise<SpooledMessage[]> {
    let names: string[];
    try {
      names = (await readdir(this.directory)).filter((n) => n.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const messages: SpooledMessage[] = [];
    for (const name of names) {
      const path = join(this.directory, name);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(path, 'utf8'));
      } catch {
        parsed = undefined;
      }
      if (isSpooled(parsed)) messages.push(parsed);
      else await rename(path, `${path}.bad`);
    }
    return messages.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  async remove(externalId: string): Promise<void> {
    await unlink(this.file(externalId)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private file(externalId: string): string {
    return join(this.directory, `${createHash('sha1').update(externalId).digest('hex')}.json`);
  }
}
