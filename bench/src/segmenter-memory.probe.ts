import { fork } from 'node:child_process';
import { SEGMENTER_NAMES, SegmenterName, createSegmenter } from '@wenzheng/nlp';
import { benchHubConfig } from './bench-environment';
import { loadCorpus } from './corpus';

/**
 * Memory of one segmenter adapter, measured in a child process of its own so that neither adapter's dictionary
 * (nodejieba's is process-global native memory) is counted against the other: RSS after loading the libraries,
 * then after building the adapter and cutting some messages.
 */
export interface SegmenterMemory {
  rssBeforeMiB: number;
  rssAfterMiB: number;
}

const MiB = 2 ** 20;

export function probeSegmenterMemory(name: SegmenterName): Promise<SegmenterMemory> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [name], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let answer: SegmenterMemory | undefined;
    child.once('message', (message: SegmenterMemory) => (answer = message));
    child.once('error', reject);
    child.once('exit', (code) =>
      answer ? resolve(answer) : reject(new Error(`memory probe for ${name} exited with ${code}`)),
    );
  });
}

function probe(name: SegmenterName): SegmenterMemory {
  const texts = loadCorpus(500).raw;
  const config = benchHubConfig();
  const rssBeforeMiB = process.memoryUsage().rss / MiB;
  const segmenter = createSegmenter(name, { userDictPath: config.nlp.userDictPath });
  for (const text of texts) segmenter.cut(text);
  return { rssBeforeMiB, rssAfterMiB: process.memoryUsage().rss / MiB };
}

if (require.main === module) {
  const name = process.argv[2] as SegmenterName;
  if (!SEGMENTER_NAMES.includes(name)) throw new Error(`unknown segmenter ${name}`);
  process.send?.(probe(name), () => process.disconnect());
}
