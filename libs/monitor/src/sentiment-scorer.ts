import { codeUnitFolder } from './code-unit-folder';
import { CoreBuffers, MonitorNative, monitorNative } from './native-core';
import { SentimentLexicon } from './sentiment-lexicon';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentWordCue {
  kind: 'positive' | 'negative' | 'complaint';
  text: string;
  /** Added to the raw sum: the word's weight after negations, degree and request words. */
  contribution: number;
  /** The negations, degree and request words that changed it, in text order. */
  modifiers: string[];
  /** `text` when only the scan of the raw text found it (the segmenter cut across the phrase). */
  source: 'tokens' | 'text';
}

export interface SentimentPunctuationCue {
  kind: 'punctuation';
  /** A run such as `!!!` or `?!` (NFKC form). */
  text: string;
}

export type SentimentCue = SentimentWordCue | SentimentPunctuationCue;

export interface SentimentResult {
  /** In (−1, 1). */
  score: number;
  label: SentimentLabel;
  /** Sum of the contributions times `intensity`, before squashing. */
  raw: number;
  /** Multiplier from repeated ! and ?; 1 without. */
  intensity: number;
  cues: SentimentCue[];
}

export interface SentimentInput {
  /** Segmenter output, before stop-word filtering (negations and degree words are stop words). */
  tokens: readonly string[];
  /** The message, for phrases cut across by the segmenter and for ! and ? runs. */
  text?: string;
}

export interface SentimentScorerOptions {
  /** Tokens before a sentiment word in which negations and degree words apply; default 3. */
  window?: number;
  /** Tokens before a positive word in which a request word cancels it; default 6. */
  requestWindow?: number;
  /** A negation before a degree word (不太满意) gives −weight × this instead of a flip; default 0.7. */
  negatedDegreeFactor?: number;
  /** score = raw / √(raw² + saturation); default 6 (one plain negative word → −0.38). */
  saturation?: number;
  /** Scores at or below are negative; default −0.25. */
  negativeThreshold?: number;
  /** Scores at or above are positive; default 0.25. */
  positiveThreshold?: number;
  /** Added to the intensity per ! or ? beyond the first of a run; default 0.1. */
  punctuationStep?: number;
  /** Extra marks counted at most; default 6. */
  punctuationMaxExtra?: number;
  /** Lexicon entries at least this long (in characters) are also looked for in the raw text; default 3. */
  phraseMinLength?: number;
}

export const DEFAULT_SENTIMENT_OPTIONS: Readonly<Required<SentimentScorerOptions>> = {
  window: 3,
  requestWindow: 6,
  negatedDegreeFactor: 0.7,
  saturation: 6,
  negativeThreshold: -0.25,
  positiveThreshold: 0.25,
  punctuationStep: 0.1,
  punctuationMaxExtra: 6,
  phraseMinLength: 3,
};

type EntryKind = 'positive' | 'negative' | 'complaint' | 'negation' | 'degree' | 'request';

/** The kinds as the native core numbers them (`EntryKind` in sentiment_core.h). */
const KINDS: readonly EntryKind[] = ['positive', 'negative', 'complaint', 'negation', 'degree', 'request'];

interface Entry {
  kind: EntryKind;
  weight: number;
}

/** The native core's source codes of a cue. */
const FROM_TEXT = 1;
const MARK_RUN = 2;

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const WHITESPACE = /\s+/gu;
/** NFKC, lower case, no white space: the form phrases and ! / ? runs are looked for in. */
const foldedText = codeUnitFolder((text) => text.normalize('NFKC').toLowerCase().replace(WHITESPACE, ''));

/**
 * Lexicon sentiment for citizens' messages: sentiment words with negations (flip), degree words
 * (multiply), request words (a wish is not praise), complaint cues and repeated ! / ?. The
 * longest run of up to five consecutive tokens found in the lexicon wins, so 没 / 人 / 管
 * is read as the cue 没人管 and 不 / 满意 as the negative word 不满意 where the lexicon has it.
 *
 * The lexicon is read here (which list wins for a word listed twice, which words are phrases also looked for in the
 * raw text); the scoring runs in the native core (`sentiment_core.cc`), which tokens and the folded text reach through
 * typed arrays and which answers with numbered cues, made into objects here.
 */
export class SentimentScorer {
  private readonly options: Readonly<Required<SentimentScorerOptions>>;
  private readonly core: NativeSentimentCore;
  /** Each lexicon word by the number the core knows it by. */
  private readonly words: string[] = [];
  private readonly buffers: CoreBuffers;

  constructor(lexicon: SentimentLexicon, options: SentimentScorerOptions = {}) {
    const merged = { ...DEFAULT_SENTIMENT_OPTIONS };
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined) (merged as Record<string, number>)[key] = value;
    }
    if (!(merged.negativeThreshold < 0 && merged.positiveThreshold > 0)) {
      throw new RangeError('negativeThreshold must be below 0 and positiveThreshold above 0');
    }
    if (!(merged.saturation > 0)) throw new RangeError(`saturation must be positive, got ${merged.saturation}`);
    this.options = merged;

    // A word in two lists is an entry of the later one; it stays a phrase of an earlier sentiment list.
    const entries = new Map<string, Entry>();
    const phrases = new Map<string, Entry>();
    const add = (word: string, entry: Entry): void => {
      entries.set(word, entry);
      if (entry.kind !== 'negation' && entry.kind !== 'degree' && entry.kind !== 'request') {
        if (charLength(word) >= merged.phraseMinLength) phrases.set(word, entry);
      }
    };
    for (const [word, weight] of lexicon.positive) add(word, { kind: 'positive', weight });
    for (const [word, weight] of lexicon.negative) add(word, { kind: 'negative', weight });
    for (const [word, weight] of lexicon.complaints) add(word, { kind: 'complaint', weight });
    for (const [word, weight] of lexicon.degrees) add(word, { kind: 'degree', weight });
    for (const word of lexicon.negations) add(word, { kind: 'negation', weight: 1 });
    for (const word of lexicon.requests) add(word, { kind: 'request', weight: 1 });
    const list: [string, number, number, number, number][] = [];
    for (const word of new Set([...entries.keys(), ...phrases.keys()])) {
      const entry = entries.get(word);
      const phrase = phrases.get(word);
      this.words.push(word);
      list.push([word, entry ? KINDS.indexOf(entry.kind) : -1, entry?.weight ?? 0, phrase ? KINDS.indexOf(phrase.kind) : -1, phrase?.weight ?? 0]);
    }
    const Core = monitorNative().SentimentCore;
    this.core = new Core(merged, list, (token) => {
      const text = token.normalize('NFKC').toLowerCase().trim();
      return [text, WORD_CHARACTER.test(text)];
    });
    this.buffers = new CoreBuffers(this.core, 1024);
  }

  score(input: SentimentInput): SentimentResult {
    const { buffers } = this;
    const at = buffers.writeTokens(input.tokens, 0);
    // The folded text goes right after the tokens, written there without a string in between.
    let textLength = -1;
    if (input.text !== undefined) {
      const end = foldedText.into(input.text, buffers.roomForUnits(at + input.text.length), at);
      textLength = (end < 0 ? buffers.writeText(foldedText(input.text), at) : end) - at;
    }
    let count = this.core.score(at, input.tokens.length, textLength);
    if (count < 0) {
      buffers.roomForValues(-count);
      count = this.core.score(at, input.tokens.length, textLength);
    }
    const { numbers, ints } = buffers;
    const { words } = this;
    const cues: SentimentCue[] = [];
    for (let c = 0, i = 0; c < count; c += 1) {
      const [kind, word, source, length, modifierCount] = [ints[i], ints[i + 1], ints[i + 2], ints[i + 3], ints[i + 4]];
      i += 5;
      const modifiers: string[] = [];
      for (let m = 0; m < modifierCount; m += 1) modifiers.push(words[ints[i++]]);
      if (source === MARK_RUN) {
        cues.push({ kind: 'punctuation', text: String.fromCharCode(...buffers.units.subarray(at + word, at + word + length)) });
      } else {
        cues.push({
          kind: KINDS[kind] as SentimentWordCue['kind'],
          text: words[word],
          contribution: numbers[3 + c],
          modifiers,
          source: source === FROM_TEXT ? 'text' : 'tokens',
        });
      }
    }
    const [score, raw, intensity] = [numbers[0], numbers[1], numbers[2]];
    const label: SentimentLabel =
      score <= this.options.negativeThreshold ? 'negative' : score >= this.options.positiveThreshold ? 'positive' : 'neutral';
    return { score, label, raw, intensity, cues };
  }

}

type NativeSentimentCore = InstanceType<MonitorNative['SentimentCore']>;

function charLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}
