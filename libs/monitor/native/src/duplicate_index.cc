#include "duplicate_index.h"

#include <algorithm>

#include "shingles.h"

namespace monitor {

namespace {

size_t slotOf(uint64_t key) { return mix32(static_cast<uint32_t>(key) ^ (static_cast<uint32_t>(key >> 32) + 1) * 0x9e3779b1u); }

}  // namespace

DuplicateIndex::DuplicateIndex(MinHashSettings settings)
    : settings_(std::move(settings)), buckets_(1 << 12, Bucket{0, -1}), mask_((1 << 12) - 1) {
  signature_.resize(settings_.permutations);
  bandKeys_.resize(settings_.bands);
}

// Asks for the home of every band's bucket before any is read: the table is far larger than the caches, and the
// probes one after the other waited for memory 42 times in a row.
void DuplicateIndex::prefetchBuckets(const uint32_t* keys) const {
  for (size_t band = 0; band < settings_.bands; band += 1) __builtin_prefetch(&buckets_[slotOf(bucketKey(band, keys[band])) & mask_]);
}

size_t DuplicateIndex::find(uint64_t key) const {
  for (size_t at = slotOf(key) & mask_;; at = (at + 1) & mask_) {
    if (buckets_[at].head == -1 || buckets_[at].key == key) return at;
  }
}

int32_t DuplicateIndex::lookup(const char16_t* units, size_t length, double cutoff, double threshold,
                               std::vector<std::pair<int32_t, double>>& matches) {
  matches.clear();
  shingles_.resize(std::max<size_t>(length, 1));
  shingles_.resize(shingleHashes(units, length, settings_.shingleSize, shingles_.data(), sortScratch_));
  if (shingles_.empty()) return -1;
  minHashSignature(shingles_.data(), shingles_.size(), settings_.hashSeeds.data(), settings_.seed, settings_.permutations, signature_.data(), filled_);
  // Each band's rows hashed with the band's number as seed (`bandHashes` in minhash.ts), folded to 30 bits as the
  // index has always folded them: folding can only add candidates, which Jaccard removes.
  for (size_t band = 0; band < settings_.bands; band += 1) bandKeys_[band] = hashInts(signature_.data(), band * settings_.rows, band * settings_.rows + settings_.rows, static_cast<uint32_t>(band)) >> 2;

  prefetchBuckets(bandKeys_.data());
  lookups_ += 1;
  const double floor = threshold - 1e-9;
  const double size = static_cast<double>(shingles_.size());
  for (size_t band = 0; band < settings_.bands; band += 1) {
    const Bucket& bucket = buckets_[find(bucketKey(band, bandKeys_[band]))];
    for (int32_t slot = bucket.head; slot != -1; slot = next(slot, band)) {
      Entry& entry = entries_[slot];
      if (entry.seenIn == lookups_) continue;
      entry.seenIn = lookups_;
      // A message that arrived late (older than one already seen) sits behind newer ones in the window.
      if (!(entry.at > cutoff)) continue;
      // Jaccard is at most the ratio of the two sizes.
      const double other = static_cast<double>(entry.shingles.size());
      if (std::min(size, other) / std::max(size, other) < floor) continue;
      const double similarity = jaccardAtLeast(shingles_.data(), shingles_.size(), entry.shingles.data(), entry.shingles.size(), floor);
      if (similarity >= threshold) matches.emplace_back(slot, similarity);
    }
  }
  return static_cast<int32_t>(matches.size());
}

void DuplicateIndex::insert(int32_t slot, double at) {
  const size_t bands = settings_.bands;
  if (static_cast<size_t>(slot) >= entries_.size()) {
    entries_.resize(static_cast<size_t>(slot) + 1);
    keys_.resize(entries_.size() * bands);
    next_.resize(entries_.size() * bands, -1);
  }
  Entry& entry = entries_[slot];
  entry.shingles = shingles_;
  entry.at = at;
  entry.live = true;
  prefetchBuckets(bandKeys_.data());
  for (size_t band = 0; band < bands; band += 1) {
    keys_[static_cast<size_t>(slot) * bands + band] = bandKeys_[band];
    const uint64_t key = bucketKey(band, bandKeys_[band]);
    size_t place = find(key);
    if (buckets_[place].head == -1) {
      buckets_[place].key = key;
      used_ += 1;
    }
    next(slot, band) = buckets_[place].head;
    buckets_[place].head = slot;
    // At most half full, so that probes stay short.
    if (used_ * 2 > mask_ + 1) grow();
  }
}

void DuplicateIndex::remove(int32_t slot) {
  if (static_cast<size_t>(slot) >= entries_.size() || !entries_[slot].live) return;
  const size_t bands = settings_.bands;
  prefetchBuckets(&keys_[static_cast<size_t>(slot) * bands]);
  for (size_t band = 0; band < bands; band += 1) {
    const uint64_t key = bucketKey(band, keys_[static_cast<size_t>(slot) * bands + band]);
    const size_t place = find(key);
    Bucket& bucket = buckets_[place];
    if (bucket.head == -1 || bucket.key != key) continue;
    if (bucket.head == slot) {
      bucket.head = next(slot, band);
    } else {
      int32_t previous = bucket.head;
      while (previous != -1 && next(previous, band) != slot) previous = next(previous, band);
      if (previous != -1) next(previous, band) = next(slot, band);
    }
    next(slot, band) = -1;
    if (bucket.head == -1) freeBucket(place);
  }
  Entry& entry = entries_[slot];
  entry.live = false;
  std::vector<uint32_t>().swap(entry.shingles);
}

// Frees a bucket by shifting back the ones after it that probed past it.
void DuplicateIndex::freeBucket(size_t at) {
  size_t gap = at;
  for (size_t probe = (gap + 1) & mask_; buckets_[probe].head != -1; probe = (probe + 1) & mask_) {
    const size_t home = slotOf(buckets_[probe].key) & mask_;
    // The bucket at `probe` may move into the gap unless its home lies cyclically in (gap, probe].
    const bool homeAfterGap = gap <= probe ? home > gap && home <= probe : home > gap || home <= probe;
    if (homeAfterGap) continue;
    buckets_[gap] = buckets_[probe];
    gap = probe;
  }
  buckets_[gap] = Bucket{0, -1};
  used_ -= 1;
}

void DuplicateIndex::grow() {
  std::vector<Bucket> old(buckets_.size() * 2, Bucket{0, -1});
  old.swap(buckets_);
  mask_ = buckets_.size() - 1;
  for (const Bucket& bucket : old) {
    if (bucket.head != -1) buckets_[find(bucket.key)] = bucket;
  }
}

size_t DuplicateIndex::bytes() const {
  size_t total = entries_.capacity() * sizeof(Entry) + keys_.capacity() * sizeof(uint32_t) + next_.capacity() * sizeof(int32_t) +
                 buckets_.capacity() * sizeof(Bucket) + (shingles_.capacity() + signature_.capacity() + bandKeys_.capacity()) * sizeof(uint32_t);
  for (const Entry& entry : entries_) total += entry.shingles.capacity() * sizeof(uint32_t);
  return total;
}

}  // namespace monitor
