import { codeUnitFolder } from './code-unit-folder';
import { mix32 } from './hash32';
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

interface Entry {
  kind: EntryKind;
  weight: number;
}

interface Unit {
  readonly text: string;
  readonly entry: Entry | null;
  /** Punctuation or symbols only: modifiers do not reach across it. */
  readonly boundary: boolean;
}

interface CachedToken {
  /** NFKC, lower case, trimmed; empty for a token that is only white space. */
  readonly text: string;
  /** The token as a unit of its own (shared: units are only read). */
  readonly unit: Unit;
}

const TOKEN_CACHE_LIMIT = 100_000;
/** A word that is no lexicon entry (its text is never read: only entries' texts are). */
const PLAIN_WORD: Unit = Object.freeze({ text: '', entry: null, boundary: false });

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Tokens a lexicon entry may span; 5 covers 到底 / 有没有 / 人 / 管. */
const MAX_SPAN = 5;
const MARK_RUN = /[!?]{2,}/gu;
const WHITESPACE = /\s+/gu;
/** NFKC, lower case, no white space: the form phrases and ! / ? runs are looked for in. */
const foldedText = codeUnitFolder((text) => text.normalize('NFKC').toLowerCase().replace(WHITESPACE, ''));

/**
 * Lexicon sentiment for citizens' messages: sentiment words with negations (flip), degree words
 * (multiply), request words (a wish is not praise), complaint cues and repeated ! / ?. The
 * longest run of up to five consecutive tokens found in the lexicon wins, so 没 / 人 / 管
 * is read as the cue 没人管 and 不 / 满意 as the negative word 不满意 where the lexicon has it.
 */
export class SentimentScorer {
  private readonly options: Readonly<Required<SentimentScorerOptions>>;
  private readonly phrases = new Map<string, Entry>();
  /**
   * Lengths (UTF-16) of the phrases starting with a code unit, longest first: the raw-text scan tries only those.
   * Keyed by the number, because `text[i]` of a Chinese character allocates a string.
   */
  private readonly phraseLengths = new Map<number, number[]>();
  /** 1 for the code units a phrase starts with: most characters of a text start none, and skip the lookup. */
  private readonly phraseStarts = new Uint8Array(0x10000);
  /**
   * 1 at `pairSlot` of the first two code units of a phrase: a filter (two pairs may share a slot) that spares most
   * positions whose first character starts a phrase, such as 不, the slicing and lookup of every phrase length.
   */
  private readonly phrasePairs = new Uint8Array(0x10000);
  /** Every proper prefix of an entry: a run of tokens that is not one cannot grow into an entry. */
  private readonly entryPrefixes = new Set<string>();
  private readonly maxEntryLength: number;
  /** Every lexicon word, as a unit of its own. */
  private readonly entryUnits = new Map<string, Unit>();
  /** 1 for the UTF-16 code units an entry starts with: a word starting with any other is no entry and starts none. */
  private readonly entryStarts = new Uint8Array(0x10000);
  /**
   * Tokens other than plain Chinese words (punctuation, digits, Latin, full-width forms) → their normalized form and
   * single-token unit; tokens recur, and normalizing each one every time was most of the cost.
   */
  private readonly tokenCache = new Map<string, CachedToken>();
  /** Per-message scratch of `units`: the normalized tokens, their single-token units, and the units found. */
  private readonly tokenTexts: string[] = [];
  private readonly tokenUnits: Unit[] = [];
  private readonly messageUnits: Unit[] = [];

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

    const add = (word: string, entry: Entry): void => {
      this.entryUnits.set(word, { text: word, entry, boundary: false });
      if (entry.kind !== 'negation' && entry.kind !== 'degree' && entry.kind !== 'request') {
        if (charLength(word) >= merged.phraseMinLength) this.phrases.set(word, entry);
      }
    };
    for (const [word, weight] of lexicon.positive) add(word, { kind: 'positive', weight });
    for (const [word, weight] of lexicon.negative) add(word, { kind: 'negative', weight });
    for (const [word, weight] of lexicon.complaints) add(word, { kind: 'complaint', weight });
    for (const [word, weight] of lexicon.degrees) add(word, { kind: 'degree', weight });
    for (const word of lexicon.negations) add(word, { kind: 'negation', weight: 1 });
    for (const word of lexicon.requests) add(word, { kind: 'request', weight: 1 });
    let longest = 0;
    for (const word of this.entryUnits.keys()) {
      longest = Math.max(longest, word.length);
      if (word !== '') this.entryStarts[word.charCodeAt(0)] = 1;
      for (let end = 1; end < word.length; end += 1) this.entryPrefixes.add(word.slice(0, end));
    }
    this.maxEntryLength = longest;
    for (const phrase of this.phrases.keys()) {
      const first = phrase.charCodeAt(0);
      const lengths = this.phraseLengths.get(first) ?? [];
      lengths.push(phrase.length);
      this.phraseLengths.set(first, lengths);
      this.phraseStarts[first] = 1;
      if (phrase.length > 1) this.phrasePairs[pairSlot(first, phrase.charCodeAt(1))] = 1;
    }
    for (const lengths of this.phraseLengths.values()) lengths.sort((a, b) => b - a);
  }

  score(input: SentimentInput): SentimentResult {
    const unitCount = this.units(input.tokens);
    const units = this.messageUnits;
    const cues: SentimentCue[] = [];
    let sum = 0;
    const fromTokens = new Map<string, number>();

    for (let index = 0; index < unitCount; index += 1) {
      const unit = units[index];
      const entry = unit.entry;
      if (entry === null || entry.kind === 'negation' || entry.kind === 'degree' || entry.kind === 'request') continue;
      if (this.phrases.has(unit.text)) fromTokens.set(unit.text, (fromTokens.get(unit.text) ?? 0) + 1);
      const cue =
        entry.kind === 'complaint'
          ? { contribution: -entry.weight, modifiers: [] }
          : this.modified(units, index, entry.kind === 'positive' ? entry.weight : -entry.weight);
      sum += cue.contribution;
      cues.push({ kind: entry.kind, text: unit.text, contribution: cue.contribution, modifiers: cue.modifiers, source: 'tokens' });
    }

    let intensity = 1;
    if (input.text !== undefined) {
      const text = foldedText(input.text);
      for (const [phrase, count] of this.phraseCounts(text)) {
        const entry = this.phrases.get(phrase) as Entry;
        for (let extra = count - (fromTokens.get(phrase) ?? 0); extra > 0; extra -= 1) {
          const contribution = entry.kind === 'positive' ? entry.weight : -entry.weight;
          sum += contribution;
          cues.push({ kind: entry.kind as SentimentWordCue['kind'], text: phrase, contribution, modifiers: [], source: 'text' });
        }
      }
      let extraMarks = 0;
      for (const run of text.match(MARK_RUN) ?? []) {
        extraMarks += run.length - 1;
        cues.push({ kind: 'punctuation', text: run });
      }
      intensity = 1 + this.options.punctuationStep * Math.min(extraMarks, this.options.punctuationMaxExtra);
    }

    const raw = sum * intensity;
    const score = raw / Math.sqrt(raw * raw + this.options.saturation);
    const label: SentimentLabel =
      score <= this.options.negativeThreshold ? 'negative' : score >= this.options.positiveThreshold ? 'positive' : 'neutral';
    return { score, label, raw, intensity, cues };
  }

  /**
   * Tokens grouped into lexicon entries, longest span first: how many, in `messageUnits` (a scratch array whose length
   * is left as it is, since setting it to 0 gives its storage back and every message grew it again).
   */
  private units(tokens: readonly string[]): number {
    const { tokenTexts: texts, tokenUnits: single, entryStarts } = this;
    let count = 0;
    for (const token of tokens) {
      if (isPlainChineseWord(token)) {
        // NFKC, case and trimming leave such a word as it is, and most words start no entry: no lookup at all.
        texts[count] = token;
        single[count] = entryStarts[token.charCodeAt(0)] === 1 ? (this.entryUnits.get(token) ?? PLAIN_WORD) : PLAIN_WORD;
        count += 1;
        continue;
      }
      const known = this.cachedToken(token);
      if (known.text === '') continue;
      texts[count] = known.text;
      single[count] = known.unit;
      count += 1;
    }
    const units = this.messageUnits;
    let found = 0;
    let i = 0;
    while (i < count) {
      // Grow the run token by token while it is still the start of an entry, and keep the longest one in the lexicon.
      let matched = single[i];
      let matchedSpan = 1;
      let text = texts[i];
      if (entryStarts[text.charCodeAt(0)] === 1) {
        for (let span = 2; span <= MAX_SPAN && i + span <= count && this.entryPrefixes.has(text); span += 1) {
          text += texts[i + span - 1];
          if (text.length > this.maxEntryLength) break;
          const unit = this.entryUnits.get(text);
          if (unit !== undefined) {
            matched = unit;
            matchedSpan = span;
          }
        }
      }
      units[found++] = matched;
      i += matchedSpan;
    }
    return found;
  }

  private cachedToken(token: string): CachedToken {
    let known = this.tokenCache.get(token);
    if (known === undefined) {
      const text = token.normalize('NFKC').toLowerCase().trim();
      const unit = this.entryUnits.get(text) ?? (WORD_CHARACTER.test(text) ? PLAIN_WORD : { text, entry: null, boundary: true });
      known = { text, unit };
      if (this.tokenCache.size >= TOKEN_CACHE_LIMIT) this.tokenCache.clear();
      this.tokenCache.set(token, known);
    }
    return known;
  }

  /** Applies the negations, degree and request words found before `units[index]`. */
  private modified(units: readonly Unit[], index: number, base: number): { contribution: number; modifiers: string[] } {
    const { window, requestWindow, negatedDegreeFactor } = this.options;
    const modifiers: string[] = [];
    let value = base;
    let degreeSinceNegation = false;
    let request: string | null = null;
    for (let back = 1; back <= Math.max(window, requestWindow) && index - back >= 0; back += 1) {
      const unit = units[index - back];
      if (unit.boundary) break;
      const kind = unit.entry?.kind;
      if (kind === 'positive' || kind === 'negative' || kind === 'complaint') break;
      if (kind === 'request') {
        if (request === null) request = unit.text;
        continue;
      }
      if (back > window) continue;
      if (kind === 'degree') {
        value *= (unit.entry as Entry).weight;
        degreeSinceNegation = true;
        modifiers.unshift(unit.text);
      } else if (kind === 'negation') {
        value = degreeSinceNegation ? -Math.sign(value) * Math.abs(base) * negatedDegreeFactor : -value;
        degreeSinceNegation = false;
        modifiers.unshift(unit.text);
      }
    }
    if (request !== null && value > 0) {
      modifiers.unshift(request);
      value = 0;
    }
    return { contribution: value, modifiers };
  }

  /** Non-overlapping occurrences of lexicon phrases in the text, the longest at each position first. */
  private phraseCounts(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    if (this.phrases.size === 0) return counts;
    let i = 0;
    while (i < text.length) {
      const first = text.charCodeAt(i);
      if (this.phraseStarts[first] === 0) {
        i += 1;
        continue;
      }
      let found = 0;
      const pairFound = i + 1 < text.length && this.phrasePairs[pairSlot(first, text.charCodeAt(i + 1))] === 1;
      for (const length of this.phraseLengths.get(first) as number[]) {
        if (i + length > text.length || (length > 1 && !pairFound)) continue;
        const candidate = text.slice(i, i + length);
        if (this.phrases.has(candidate)) {
          counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
          found = length;
          break;
        }
      }
      i += found > 0 ? found : 1;
    }
    return counts;
  }
}

/** Where `phrasePairs` marks two code units. */
function pairSlot(first: number, second: number): number {
  return mix32((first << 16) | second) >>> 16;
}

/** Only CJK Unified Ideographs (U+4E00–U+9FFF), which NFKC, lower-casing and trimming leave unchanged. */
function isPlainChineseWord(token: string): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i += 1) {
    const unit = token.charCodeAt(i);
    if (unit < 0x4e00 || unit > 0x9fff) return false;
  }
  return true;
}

function charLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}
