import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HttpLoadMessage, HttpLoadPlan, HttpLoadResult, HttpTarget } from './http-client.thread';

export type { HttpLoadPlan, HttpLoadResult, HttpTarget };

/** Runs one HTTP load plan on a fresh client thread; `onMeasuring` is called when its warm-up is over. */
export function runHttpLoad(plan: HttpLoadPlan, onMeasuring?: () => void): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(join(__dirname, 'http-client.thread.js'), { workerData: plan });
    let answered = false;
    thread.on('message', (message: HttpLoadMessage) => {
      if (message.kind === 'measuring') {
        onMeasuring?.();
        return;
      }
      answered = true;
      resolve(message.result);
    });
    thread.once('error', reject);
    thread.once('exit', (code) => {
      if (!answered) reject(new Error(`HTTP client thread exited with ${code} before answering`));
    });
  });
}
