import { SparseVector } from './features';

export interface NaiveBayesOptions {
  /** Lidstone smoothing: pseudo-count added to every term of every label (1 is Laplace). */
  readonly alpha: number;
}

export interface NaiveBayesParameters {
  readonly logPriors: readonly number[];
  /** ln P(term | label), term-major: entry `term * labelCount + label`. */
  readonly termLogLikelihoods: readonly number[];
}

/** Multinomial naive Bayes over term counts. */
export class NaiveBayesModel {
  private constructor(
    readonly labelCount: number,
    private readonly logPriors: Float64Array,
    private readonly termLogLikelihoods: Float64Array,
  ) {}

  static train(
    vectors: readonly SparseVector[],
    labels: ArrayLike<number>,
    labelCount: number,
    featureCount: number,
    options: NaiveBayesOptions,
  ): NaiveBayesModel {
    if (!(options.alpha > 0)) throw new Error(`naive Bayes smoothing alpha must be positive, got ${options.alpha}`);
    checkTrainingSet(vectors, labels, labelCount);
    const documents = new Float64Array(labelCount);
    const termCounts = new Float64Array(featureCount * labelCount);
    const totals = new Float64Array(labelCount);
    vectors.forEach((vector, n) => {
      const label = labels[n];
      documents[label] += 1;
      for (let i = 0; i < vector.indices.length; i += 1) {
        termCounts[vector.indices[i] * labelCount + label] += vector.values[i];
        totals[label] += vector.values[i];
      }
    });
    // A label with no training document keeps a prior of zero probability rather than NaN.
    const logPriors = Float64Array.from(documents, (count) => Math.log(count / vectors.length));
    const denominators = Float64Array.from(totals, (total) => Math.log(total + options.alpha * featureCount));
    for (let j = 0; j < featureCount; j += 1) {
      for (let k = 0; k < labelCount; k += 1) {
        const at = j * labelCount + k;
        termCounts[at] = Math.log(termCounts[at] + options.alpha) - denominators[k];
      }
    }
    return new NaiveBayesModel(labelCount, logPriors, termCounts);
  }

  static fromParameters(parameters: NaiveBayesParameters): NaiveBayesModel {
    const labelCount = parameters.logPriors.length;
    if (parameters.termLogLikelihoods.length % labelCount !== 0) {
      throw new Error(`naive Bayes likelihoods (${parameters.termLogLikelihoods.length}) are not a multiple of the ${labelCount} labels`);
    }
    return new NaiveBayesModel(labelCount, Float64Array.from(parameters.logPriors), Float64Array.from(parameters.termLogLikelihoods));
  }

  get featureCount(): number {
    return this.termLogLikelihoods.length / this.labelCount;
  }

  /** ln P(label) + Σ count · ln P(term | label): the joint log-probability up to a constant; softmax gives the posterior. */
  logits(vector: SparseVector): Float64Array {
    const labelCount = this.labelCount;
    const scores = Float64Array.from(this.logPriors);
    for (let i = 0; i < vector.indices.length; i += 1) {
      const base = vector.indices[i] * labelCount;
      const count = vector.values[i];
      for (let k = 0; k < labelCount; k += 1) scores[k] += count * this.termLogLikelihoods[base + k];
    }
    return scores;
  }

  toParameters(): NaiveBayesParameters {
    return { logPriors: Array.from(this.logPriors), termLogLikelihoods: Array.from(this.termLogLikelihoods) };
  }
}

export function checkTrainingSet(vectors: readonly SparseVector[], labels: ArrayLike<number>, labelCount: number): void {
  if (vectors.length === 0) throw new Error('cannot train on no examples');
  if (vectors.length !== labels.length) throw new Error(`${vectors.length} vectors but ${labels.length} labels`);
  for (let n = 0; n < labels.length; n += 1) {
    if (!Number.isInteger(labels[n]) || labels[n] < 0 || labels[n] >= labelCount) {
      throw new Error(`example ${n} has label index ${labels[n]}, outside 0..${labelCount - 1}`);
    }
  }
}
