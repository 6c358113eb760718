import { SparseVector } from './features';
import { checkTrainingSet } from './naive-bayes';
import { createRandom, shuffle } from './random';

export interface LinearModelOptions {
  readonly epochs: number;
  /** Step size at the start; it decays as 1 / (1 + rate · l2 · step). */
  readonly learningRate: number;
  /** L2 penalty per example (λ in λ/2·‖W‖² + mean log loss). */
  readonly l2: number;
  /** Weighs each example by n / (labels · examples of its label), so small labels count as much as large ones. */
  readonly balanceLabels: boolean;
  /** Seeds the order in which examples are visited. */
  readonly seed: number;
}

export interface LinearModelParameters {
  /** Term-major: entry `term * labelCount + label`. */
  readonly weights: readonly number[];
  readonly bias: readonly number[];
}

/**
 * Multinomial logistic regression. Weights are stored as `scale · v` so that the L2 shrinkage of
 * every weight at every step costs one multiplication instead of a pass over all of them.
 */
export class LinearModel {
  private constructor(
    readonly labelCount: number,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  /**
   * Stochastic gradient descent over shuffled examples; the returned weights are the mean of the
   * iterates at the end of each epoch in the second half, which is steadier than the last iterate.
   */
  static train(
    vectors: readonly SparseVector[],
    labels: ArrayLike<number>,
    labelCount: number,
    featureCount: number,
    options: LinearModelOptions,
  ): LinearModel {
    checkOptions(options);
    checkTrainingSet(vectors, labels, labelCount);
    const v = new Float64Array(featureCount * labelCount);
    const bias = new Float64Array(labelCount);
    const averageWeights = new Float64Array(featureCount * labelCount);
    const averageBias = new Float64Array(labelCount);
    const logits = new Float64Array(labelCount);
    const random = createRandom(options.seed);
    const order = Array.from(vectors.keys());
    const firstAveraged = Math.floor(options.epochs / 2);
    const exampleWeights = labelWeights(labels, labelCount, options.balanceLabels);
    let scale = 1;
    let step = 0;

    for (let epoch = 0; epoch < options.epochs; epoch += 1) {
      shuffle(order, random);
      for (const n of order) {
        const { indices, values } = vectors[n];
        const rate = options.learningRate / (1 + options.learningRate * options.l2 * step);
        step += 1;
        logits.set(bias);
        for (let i = 0; i < indices.length; i += 1) {
          const base = indices[i] * labelCount;
          const x = values[i] * scale;
          for (let k = 0; k < labelCount; k += 1) logits[k] += x * v[base + k];
        }
        const probabilities = softmaxInPlace(logits);
        probabilities[labels[n]] -= 1;
        scale *= 1 - rate * options.l2;
        const weighted = rate * exampleWeights[labels[n]];
        const factor = weighted / scale;
        for (let i = 0; i < indices.length; i += 1) {
          const base = indices[i] * labelCount;
          const x = values[i] * factor;
          for (let k = 0; k < labelCount; k += 1) v[base + k] -= x * probabilities[k];
        }
        for (let k = 0; k < labelCount; k += 1) bias[k] -= weighted * probabilities[k];
        if (scale < 1e-9) {
          for (let i = 0; i < v.length; i += 1) v[i] *= scale;
          scale = 1;
        }
      }
      if (epoch >= firstAveraged) {
        for (let i = 0; i < v.length; i += 1) averageWeights[i] += v[i] * scale;
        for (let k = 0; k < labelCount; k += 1) averageBias[k] += bias[k];
      }
    }
    const averaged = options.epochs - firstAveraged;
    for (let i = 0; i < averageWeights.length; i += 1) averageWeights[i] /= averaged;
    for (let k = 0; k < labelCount; k += 1) averageBias[k] /= averaged;
    return new LinearModel(labelCount, averageWeights, averageBias);
  }

  static fromParameters(parameters: LinearModelParameters): LinearModel {
    const labelCount = parameters.bias.length;
    if (labelCount === 0 || parameters.weights.length % labelCount !== 0) {
      throw new Error(`linear weights (${parameters.weights.length}) are not a multiple of the ${labelCount} labels`);
    }
    return new LinearModel(labelCount, Float64Array.from(parameters.weights), Float64Array.from(parameters.bias));
  }

  get featureCount(): number {
    return this.weights.length / this.labelCount;
  }

  logits(vector: SparseVector): Float64Array {
    const labelCount = this.labelCount;
    const scores = Float64Array.from(this.bias);
    for (let i = 0; i < vector.indices.length; i += 1) {
      const base = vector.indices[i] * labelCount;
      const x = vector.values[i];
      for (let k = 0; k < labelCount; k += 1) scores[k] += x * this.weights[base + k];
    }
    return scores;
  }

  toParameters(): LinearModelParameters {
    return { weights: Array.from(this.weights), bias: Array.from(this.bias) };
  }
}

function checkOptions(options: LinearModelOptions): void {
  if (!Number.isInteger(options.epochs) || options.epochs < 1) throw new Error(`epochs must be a positive integer, got ${options.epochs}`);
  if (!(options.learningRate > 0)) throw new Error(`learning rate must be positive, got ${options.learningRate}`);
  if (!(options.l2 >= 0)) throw new Error(`l2 must be zero or positive, got ${options.l2}`);
  // Each step shrinks the weights by 1 - rate · l2; at 1 or more they would vanish or flip sign.
  if (options.learningRate * options.l2 >= 1) throw new Error('learning rate × l2 must stay below 1');
}

function labelWeights(labels: ArrayLike<number>, labelCount: number, balance: boolean): Float64Array {
  const weights = new Float64Array(labelCount).fill(1);
  if (!balance) return weights;
  const counts = new Float64Array(labelCount);
  for (let n = 0; n < labels.length; n += 1) counts[labels[n]] += 1;
  for (let k = 0; k < labelCount; k += 1) if (counts[k] > 0) weights[k] = labels.length / (labelCount * counts[k]);
  return weights;
}

/** The training loop's softmax, without allocating: overwrites and returns `logits`. */
function softmaxInPlace(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k += 1) if (logits[k] > max) max = logits[k];
  let sum = 0;
  for (let k = 0; k < logits.length; k += 1) {
    logits[k] = Math.exp(logits[k] - max);
    sum += logits[k];
  }
  for (let k = 0; k < logits.length; k += 1) logits[k] /= sum;
  return logits;
}
