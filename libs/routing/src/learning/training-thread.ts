import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '@wenzheng/config';
import type { ModelArtifact, TokenizedExample, TrainingOptions } from '../classifier';

/**
 * Training a city's tickets takes a core for a minute (docs/benchmarks.md): in a thread of its own, the worker's event
 * loop keeps renewing job locks and running every other queue meanwhile. The thread runs the built JavaScript (the
 * hub runs from dist; `npm test` builds first).
 */
export const TRAINING_THREAD = join(projectRoot(), 'dist', 'libs', 'routing', 'src', 'learning', 'training.thread.js');

export function trainInThread(examples: readonly TokenizedExample[], options: TrainingOptions, trainedAt: Date): Promise<ModelArtifact> {
  if (!existsSync(TRAINING_THREAD)) return Promise.reject(new Error(`${TRAINING_THREAD} is missing: run \`npm run build\``));
  return new Promise((resolve, reject) => {
    const thread = new Worker(TRAINING_THREAD, { workerData: { examples, options, trainedAt: trainedAt.toISOString() } });
    thread.once('message', (artifact: ModelArtifact) => resolve(artifact));
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the training thread stopped with exit code ${code} before it answered`)));
  });
}
