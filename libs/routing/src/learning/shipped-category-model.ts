import { readFileSync } from 'node:fs';
import { EntityManager } from 'typeorm';
import { unpackModel } from './model-package';

/**
 * Boot step: the topic-category model shipped with the hub (trained on the 2020 Teddy Cup messages) becomes
 * version 1 of the category target when the database has no category model yet. Runs under the migration lock.
 */
export async function seedCategoryModelIfMissing(manager: EntityManager, file: string): Promise<boolean> {
  const [{ count }]: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM routing_models WHERE target = 'category'`);
  if (count > 0) return false;
  let packed: Buffer;
  try {
    packed = readFileSync(file);
  } catch (error) {
    throw new Error(`the category model ${file} cannot be read (${(error as NodeJS.ErrnoException).code}); set ROUTING_CATEGORY_MODEL_FILE`);
  }
  const artifact = unpackModel(packed);
  await manager.query(
    `INSERT INTO routing_models (target, version, algorithm, status, source, trained_at, example_count, scores, artifact)
     VALUES ('category', 1, $1, 'active', 'shipped', $2, $3, $4, $5)`,
    [artifact.algorithm, artifact.trainedAt, artifact.exampleCount, JSON.stringify({ crossValidated: artifact.heldOut }), packed],
  );
  return true;
}
