// The in-memory near-duplicate index's lookups (libs/monitor/src/near-duplicate-index.ts keeps the ids, senders,
// canonical ids and the window's order): each entry's shingle set and band keys, the LSH buckets (band, key) →
// entries, and the exact Jaccard of every candidate a bucket brings up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace monitor {

struct MinHashSettings {
  size_t shingleSize;
  size_t permutations;
  size_t bands;
  size_t rows;
  uint32_t seed;
  std::vector<uint32_t> hashSeeds;
};

class DuplicateIndex {
 public:
  explicit DuplicateIndex(MinHashSettings settings);

  // Fingerprints a normalised text and answers the entries that arrived after `cutoff` at least `threshold` similar
  // to it, with their similarity; −1 (and no matches) when the text has no shingle. The fingerprint is kept for
  // `insert`.
  int32_t lookup(const char16_t* units, size_t length, double cutoff, double threshold, std::vector<std::pair<int32_t, double>>& matches);
  // Indexes the text last looked up under `slot` (a slot not in use).
  void insert(int32_t slot, double at);
  void remove(int32_t slot);
  size_t bytes() const;

 private:
  struct Entry {
    std::vector<uint32_t> shingles;
    double at = 0;
    bool live = false;
    uint32_t seenIn = 0;
  };
  // (band, key) → the first entry of the bucket; open addressing, linear probing, no tombstones.
  struct Bucket {
    uint64_t key;
    int32_t head;  // −1: a free slot
  };
  static uint64_t bucketKey(size_t band, uint32_t key) { return (static_cast<uint64_t>(band) << 32) | key; }
  size_t find(uint64_t key) const;
  void prefetchBuckets(const uint32_t* keys) const;
  void grow();
  void freeBucket(size_t at);
  int32_t& next(int32_t slot, size_t band) { return next_[static_cast<size_t>(slot) * settings_.bands + band]; }

  MinHashSettings settings_;
  std::vector<Entry> entries_;
  // Per slot, each band's key.
  std::vector<uint32_t> keys_;
  std::vector<int32_t> next_;
  std::vector<Bucket> buckets_;
  size_t mask_;
  size_t used_ = 0;
  uint32_t lookups_ = 0;
  // The fingerprint of the last lookup.
  std::vector<uint32_t> shingles_;
  std::vector<uint32_t> signature_;
  std::vector<uint32_t> bandKeys_;
  std::vector<uint32_t> sortScratch_;
  std::vector<uint8_t> filled_;
};

}  // namespace monitor
