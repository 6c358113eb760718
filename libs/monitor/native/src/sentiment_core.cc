#include "sentiment_core.h"

#include <algorithm>
#include <cmath>

namespace monitor {

namespace {

// Tokens a lexicon entry may span; 5 covers 到底 / 有没有 / 人 / 管.
constexpr int32_t kMaxSpan = 5;
constexpr size_t kTokenCacheLimit = 100000;

// Only CJK Unified Ideographs (U+4E00–U+9FFF), which NFKC, lower-casing and trimming leave unchanged.
bool isPlainChineseWord(const char16_t* units, size_t length) {
  if (length == 0) return false;
  for (size_t i = 0; i < length; i += 1) {
    if (units[i] < 0x4e00 || units[i] > 0x9fff) return false;
  }
  return true;
}

// Math.sign: ±1, or the value itself for ±0 and NaN.
double jsSign(double value) { return value > 0 ? 1 : value < 0 ? -1 : value; }

bool isModifier(EntryKind kind) { return kind == EntryKind::Negation || kind == EntryKind::Degree || kind == EntryKind::Request; }

}  // namespace

SentimentCore::SentimentCore(SentimentSettings settings, std::vector<LexiconWord> words, Normalize normalize)
    : settings_(settings), words_(std::move(words)), normalize_(std::move(normalize)), entryStarts_(0x10000, 0), phraseStarts_(0x10000, 0), phraseLengths_(0x10000) {
  for (size_t id = 0; id < words_.size(); id += 1) {
    const std::u16string& text = words_[id].text;
    // The words are distinct, so the table numbers them as `words_` does.
    wordIds_.insert(text.data(), text.size(), TokenTable::hashOf(text.data(), text.size()), 0);
    if (words_[id].entry) {
      maxEntryLength_ = std::max(maxEntryLength_, text.size());
      if (!text.empty()) entryStarts_[text[0]] = 1;
      for (size_t end = 1; end < text.size(); end += 1) {
        const uint32_t hash = TokenTable::hashOf(text.data(), end);
        if (prefixes_.find(text.data(), end, hash) == -1) prefixes_.insert(text.data(), end, hash, 0);
      }
    }
    if (words_[id].phrase && !text.empty()) {
      anyPhrase_ = true;
      phraseStarts_[text[0]] = 1;
      std::vector<size_t>& lengths = phraseLengths_[text[0]];
      if (std::find(lengths.begin(), lengths.end(), text.size()) == lengths.end()) lengths.push_back(text.size());
    }
  }
  for (std::vector<size_t>& lengths : phraseLengths_) std::sort(lengths.begin(), lengths.end(), std::greater<size_t>());
}

int32_t SentimentCore::entryOf(const char16_t* units, size_t length) const {
  const int32_t id = wordIds_.find(units, length, TokenTable::hashOf(units, length));
  return id != -1 && words_[id].entry ? id : kPlain;
}

// Tokens grouped into lexicon entries, longest span first, into `units_`.
void SentimentCore::group(const char16_t* stream, size_t units, int32_t tokens) {
  // Forgotten between messages only: the tokens of the message being scored point into the cache.
  if (cached_.size() >= kTokenCacheLimit) {
    cachedIds_ = TokenTable();
    cached_.clear();
  }
  texts_.clear();
  single_.clear();
  eachToken(stream, units, tokens, [this](const char16_t* token, size_t length) {
    if (isPlainChineseWord(token, length)) {
      // NFKC, case and trimming leave such a word as it is, and most words start no entry: no lookup at all.
      texts_.push_back(Text{token, length});
      single_.push_back(entryStarts_[token[0]] == 1 ? entryOf(token, length) : kPlain);
      return;
    }
    const uint32_t hash = TokenTable::hashOf(token, length);
    int32_t id = cachedIds_.find(token, length, hash);
    if (id == -1) {
      NormalizedToken normalized = normalize_(token, length);
      const int32_t entry = entryOf(normalized.text.data(), normalized.text.size());
      const int32_t unit = entry != kPlain ? entry : normalized.word ? kPlain : kBoundary;
      id = cachedIds_.insert(token, length, hash, 0);
      cached_.push_back(CachedToken{std::move(normalized.text), unit});
    }
    const CachedToken& known = cached_[id];
    if (known.text.empty()) return;
    texts_.push_back(Text{known.text.data(), known.text.size()});
    single_.push_back(known.unit);
  });
  const size_t count = texts_.size();
  units_.clear();
  size_t i = 0;
  while (i < count) {
    // Grow the run token by token while it is still the start of an entry, and keep the longest one in the lexicon.
    int32_t matched = single_[i];
    size_t matchedSpan = 1;
    if (entryStarts_[texts_[i].units[0]] == 1) {
      run_.assign(texts_[i].units, texts_[i].length);
      for (int32_t span = 2; span <= kMaxSpan && i + span <= count && has(prefixes_, run_.data(), run_.size()); span += 1) {
        run_.append(texts_[i + span - 1].units, texts_[i + span - 1].length);
        if (run_.size() > maxEntryLength_) break;
        const int32_t unit = entryOf(run_.data(), run_.size());
        if (unit != kPlain) {
          matched = unit;
          matchedSpan = static_cast<size_t>(span);
        }
      }
    }
    units_.push_back(matched);
    i += matchedSpan;
  }
}

// Applies the negations, degree and request words found before `units_[index]`; the modifiers in text order.
double SentimentCore::modified(size_t index, double base, std::vector<int32_t>& modifiers) const {
  double value = base;
  bool degreeSinceNegation = false;
  int32_t request = -1;
  std::vector<int32_t> nearestFirst;
  const size_t reach = static_cast<size_t>(std::max(settings_.window, settings_.requestWindow));
  for (size_t back = 1; back <= reach && back <= index; back += 1) {
    const int32_t unit = units_[index - back];
    if (unit == kBoundary) break;
    if (unit == kPlain) continue;
    const LexiconWord& word = words_[unit];
    const EntryKind kind = word.entryKind;
    if (kind == EntryKind::Positive || kind == EntryKind::Negative || kind == EntryKind::Complaint) break;
    if (kind == EntryKind::Request) {
      if (request == -1) request = unit;
      continue;
    }
    if (back > static_cast<size_t>(settings_.window)) continue;
    if (kind == EntryKind::Degree) {
      value *= word.entryWeight;
      degreeSinceNegation = true;
      nearestFirst.push_back(unit);
    } else if (kind == EntryKind::Negation) {
      value = degreeSinceNegation ? -jsSign(value) * std::abs(base) * settings_.negatedDegreeFactor : -value;
      degreeSinceNegation = false;
      nearestFirst.push_back(unit);
    }
  }
  modifiers.clear();
  if (request != -1 && value > 0) {
    modifiers.push_back(request);
    value = 0;
  }
  modifiers.insert(modifiers.end(), nearestFirst.rbegin(), nearestFirst.rend());
  return value;
}

// Non-overlapping occurrences of lexicon phrases in the text, the longest at each position first, counted in the
// order they first occur.
void SentimentCore::phrases(const char16_t* text, size_t length) {
  phraseCounts_.clear();
  if (!anyPhrase_) return;
  size_t i = 0;
  while (i < length) {
    if (phraseStarts_[text[i]] == 0) {
      i += 1;
      continue;
    }
    size_t found = 0;
    for (const size_t phraseLength : phraseLengths_[text[i]]) {
      if (i + phraseLength > length) continue;
      const int32_t phrase = wordIds_.find(text + i, phraseLength, TokenTable::hashOf(text + i, phraseLength));
      if (phrase == -1 || !words_[phrase].phrase) continue;
      auto counted = std::find_if(phraseCounts_.begin(), phraseCounts_.end(), [&](const auto& entry) { return entry.first == phrase; });
      if (counted == phraseCounts_.end()) phraseCounts_.emplace_back(phrase, 1);
      else counted->second += 1;
      found = phraseLength;
      break;
    }
    i += found > 0 ? found : 1;
  }
}

void SentimentCore::score(const char16_t* stream, size_t units, int32_t tokens, const char16_t* text, size_t textLength, SentimentScore& out) {
  group(stream, units, tokens);
  out.cues.clear();
  double sum = 0;
  std::vector<std::pair<int32_t, int32_t>> fromTokens;
  for (size_t index = 0; index < units_.size(); index += 1) {
    const int32_t unit = units_[index];
    if (unit < 0) continue;
    const LexiconWord& word = words_[unit];
    if (isModifier(word.entryKind)) continue;
    if (word.phrase) {
      auto counted = std::find_if(fromTokens.begin(), fromTokens.end(), [&](const auto& entry) { return entry.first == unit; });
      if (counted == fromTokens.end()) fromTokens.emplace_back(unit, 1);
      else counted->second += 1;
    }
    SentimentCue cue{word.entryKind, unit, 0, 0, 0, {}};
    cue.contribution = word.entryKind == EntryKind::Complaint
                           ? -word.entryWeight
                           : modified(index, word.entryKind == EntryKind::Positive ? word.entryWeight : -word.entryWeight, cue.modifiers);
    sum += cue.contribution;
    out.cues.push_back(std::move(cue));
  }

  double intensity = 1;
  if (text != nullptr) {
    phrases(text, textLength);
    for (const auto& [id, count] : phraseCounts_) {
      const LexiconWord& word = words_[id];
      int32_t seen = 0;
      for (const auto& entry : fromTokens) if (entry.first == id) seen = entry.second;
      for (int32_t extra = count - seen; extra > 0; extra -= 1) {
        const double contribution = word.phraseKind == EntryKind::Positive ? word.phraseWeight : -word.phraseWeight;
        sum += contribution;
        out.cues.push_back(SentimentCue{word.phraseKind, id, 1, 0, contribution, {}});
      }
    }
    // Runs of two or more ! and ? (the text is folded: full-width marks are ASCII here).
    int32_t extraMarks = 0;
    for (size_t i = 0; i < textLength;) {
      size_t end = i;
      while (end < textLength && (text[end] == u'!' || text[end] == u'?')) end += 1;
      if (end - i >= 2) {
        extraMarks += static_cast<int32_t>(end - i - 1);
        out.cues.push_back(SentimentCue{EntryKind::Positive, static_cast<int32_t>(i), 2, static_cast<int32_t>(end - i), 0, {}});
      }
      i = end > i ? end : i + 1;
    }
    intensity = 1 + settings_.punctuationStep * std::min(extraMarks, settings_.punctuationMaxExtra);
  }
  out.raw = sum * intensity;
  out.score = out.raw / std::sqrt(out.raw * out.raw + settings_.saturation);
  out.intensity = intensity;
}

}  // namespace monitor
