import { parentPort, workerData } from 'node:worker_threads';
import { TokenizedExample, TrainingOptions, trainModel } from '../classifier/trainer';

/** The body of a training thread (see training-thread.ts): trains once and posts the model back. */
const { examples, options, trainedAt } = workerData as { examples: TokenizedExample[]; options: TrainingOptions; trainedAt: string };
parentPort?.postMessage(trainModel(examples, options, () => new Date(trainedAt)));
