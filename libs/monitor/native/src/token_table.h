// Dense ids for the tokens of messages, with what the clusterer knows of each (whether it is a term and its idf)
// and how many centroid and sample places refer to it. An id stays the token's while anything refers to it, so
// centroids hold ids, not strings; `sweep` forgets the tokens nothing refers to, which bounds the table.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace monitor {

struct Token {
  std::u16string text;
  // The first two code units as one number (see `termKey` in TypeScript): most comparisons of two terms end here.
  int64_t key = 0;
  // Centroid and sample places that hold the id.
  int32_t refs = 0;
  // The term's posting in the centroid index, −1 when no centroid has it.
  int32_t posting = -1;
  bool live = false;
};

// What every token of every message reads, apart in 16 bytes per id: a lookup is then one line of the table and one
// of these, not of the whole token.
struct TokenCount {
  // NaN when the token is no term.
  double idf = NAN;
  // Scratch of one message: the pass it was last counted in, and its count then.
  uint32_t pass = 0;
  int32_t count = 0;
};

int64_t termKeyOf(const char16_t* units, size_t length);

// Visits the first `tokens` tokens of a stream as the TypeScript side writes it (`CoreBuffers.writeTokens`): each a
// length, then that many code units. A length running past `units` is cut at the end of the stream.
template <typename Visit>
void eachToken(const char16_t* stream, size_t units, int32_t tokens, Visit visit) {
  size_t at = 0;
  for (int32_t t = 0; t < tokens && at < units; t += 1) {
    const size_t length = std::min<size_t>(stream[at], units - at - 1);
    visit(stream + at + 1, length);
    at += 1 + length;
  }
}

class TokenTable {
 public:
  TokenTable();

  // The id of the token, or −1 when it has none yet.
  int32_t find(const char16_t* units, size_t length, uint32_t hash) const;
  // Gives the token the id `nextId()` would have answered.
  int32_t insert(const char16_t* units, size_t length, uint32_t hash, double idf);
  int32_t nextId() const { return free_.empty() ? static_cast<int32_t>(tokens_.size()) : free_.back(); }
  static uint32_t hashOf(const char16_t* units, size_t length);
  // Asks for the slot a lookup of this hash starts at, so that many lookups wait for memory together.
  void prefetch(uint32_t hash) const { __builtin_prefetch(&slots_[hash & mask_]); }

  Token& operator[](int32_t id) { return tokens_[id]; }
  const Token& operator[](int32_t id) const { return tokens_[id]; }
  TokenCount& counts(int32_t id) { return counts_[id]; }
  size_t size() const { return live_; }
  // Forgets every token nothing refers to; their ids are given out again.
  void sweep();
  size_t bytes() const;

  // Code-unit order, as JavaScript compares strings.
  bool before(int32_t a, int32_t b) const { return before(tokens_[a].key, a, tokens_[b].key, b); }
  // The same with the keys at hand: the tokens are read only when their first two code units are the same.
  bool before(int64_t keyA, int32_t a, int64_t keyB, int32_t b) const {
    return keyA < keyB || (keyA == keyB && a != b && tokens_[a].text < tokens_[b].text);
  }

 private:
  void grow();
  void place(int32_t id, uint32_t hash);

  std::vector<Token> tokens_;
  std::vector<TokenCount> counts_;
  std::vector<int32_t> free_;
  // Open addressing. A slot holds the token's first four code units and its length, so that a lookup of a token of
  // up to four units (nearly every Chinese word) reads only the slot.
  struct Slot {
    uint64_t packed;
    uint32_t length;
    int32_t id;  // −1 for a free slot
  };
  static uint64_t pack(const char16_t* units, size_t length);
  std::vector<Slot> slots_;
  uint32_t mask_;
  size_t live_ = 0;
};

}  // namespace monitor
