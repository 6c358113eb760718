// The sentiment scorer's arithmetic (libs/monitor/src/sentiment-scorer.ts keeps the lexicon's precedence, the
// options and the cues as objects): tokens grouped into lexicon entries (the longest run of up to five), negations,
// degree and request words before a sentiment word, phrases the segmenter cut across found in the raw text, and
// runs of ! and ?. Sums are taken in the TypeScript scorer's order, so its scores are the same to the last bit.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "token_table.h"

namespace monitor {

enum class EntryKind : int32_t { Positive = 0, Negative = 1, Complaint = 2, Negation = 3, Degree = 4, Request = 5 };

struct SentimentSettings {
  int32_t window;
  int32_t requestWindow;
  double negatedDegreeFactor;
  double saturation;
  double punctuationStep;
  int32_t punctuationMaxExtra;
};

// A word of the lexicon: its entry (as a unit of tokens) and, for a long enough sentiment word, its phrase (looked
// for in the raw text). A word listed twice may have one kind as an entry and another as a phrase.
struct LexiconWord {
  std::u16string text;
  bool entry = false;
  EntryKind entryKind = EntryKind::Positive;
  double entryWeight = 0;
  bool phrase = false;
  EntryKind phraseKind = EntryKind::Positive;
  double phraseWeight = 0;
};

struct SentimentCue {
  EntryKind kind;
  // The word's number, or for a run of ! and ?, its start in the folded text.
  int32_t word;
  // 0 from the tokens, 1 from the raw text, 2 a run of marks (`word` its start, `length` its length).
  int32_t source;
  int32_t length;
  double contribution;
  std::vector<int32_t> modifiers;
};

struct SentimentScore {
  double score;
  double raw;
  double intensity;
  std::vector<SentimentCue> cues;
};

// What a token other than a plain Chinese word normalises to (NFKC, lower case, trimmed), and whether that has a
// letter or number.
struct NormalizedToken {
  std::u16string text;
  bool word;
};
using Normalize = std::function<NormalizedToken(const char16_t* units, size_t length)>;

class SentimentCore {
 public:
  SentimentCore(SentimentSettings settings, std::vector<LexiconWord> words, Normalize normalize);

  // Tokens as a stream (each a length, then its code units); the folded text, or null for none.
  void score(const char16_t* stream, size_t units, int32_t tokens, const char16_t* text, size_t textLength, SentimentScore& out);

 private:
  // A unit of a message: a lexicon word's number, or one of these.
  static constexpr int32_t kPlain = -1;
  static constexpr int32_t kBoundary = -2;
  struct CachedToken {
    std::u16string text;
    int32_t unit;
  };

  int32_t entryOf(const char16_t* units, size_t length) const;
  static bool has(const TokenTable& table, const char16_t* units, size_t length) {
    return table.find(units, length, TokenTable::hashOf(units, length)) != -1;
  }
  void group(const char16_t* stream, size_t units, int32_t tokens);
  double modified(size_t index, double base, std::vector<int32_t>& modifiers) const;
  void phrases(const char16_t* text, size_t length);

  SentimentSettings settings_;
  std::vector<LexiconWord> words_;
  Normalize normalize_;
  // Every word by its number (the same as in `words_`), and every proper prefix of an entry.
  TokenTable wordIds_;
  TokenTable prefixes_;
  bool anyPhrase_ = false;
  size_t maxEntryLength_ = 0;
  std::vector<uint8_t> entryStarts_;
  // 1 for the code units a phrase starts with: most characters of a text start none, and skip the lengths' table.
  std::vector<uint8_t> phraseStarts_;
  // Lengths of the phrases starting with a code unit, longest first.
  std::vector<std::vector<size_t>> phraseLengths_;
  // Tokens other than plain Chinese words, by number, with what they normalise to.
  TokenTable cachedIds_;
  // A deque: what a message's tokens point to stays where it is while later tokens are cached.
  std::deque<CachedToken> cached_;
  // Per-message scratch: each token's text (in the message's stream, or in `cached_`).
  struct Text {
    const char16_t* units;
    size_t length;
  };
  std::vector<Text> texts_;
  std::u16string run_;
  std::vector<int32_t> single_;
  std::vector<int32_t> units_;
  std::vector<std::pair<int32_t, int32_t>> phraseCounts_;
};

}  // namespace monitor
