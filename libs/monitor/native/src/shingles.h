// Character n-gram shingles, one-permutation MinHash and exact Jaccard for the near-duplicate index
// (libs/monitor/src/minhash.ts gives the reasons). 32-bit integer arithmetic throughout, so every value is the one
// the TypeScript functions computed before, and the one stored signatures were made with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace monitor {

// MurmurHash3's finaliser, as `mix32` in hash32.ts.
inline uint32_t mix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

// FNV-1a over a run of 32-bit values, from `seed`, finished with `mix32`: `hashInts` in hash32.ts.
inline uint32_t hashInts(const uint32_t* values, size_t start, size_t end, uint32_t seed = 0) {
  uint32_t h = 0x811c9dc5u ^ seed;
  for (size_t i = start; i < end; i += 1) h = (h ^ values[i]) * 0x01000193u;
  return mix32(h);
}

// Hashes of the distinct `shingleSize`-code-point runs of `units`, ascending, into `out` (at least `length` long,
// or 1 for a text shorter than a shingle); answers how many. `scratch` is the caller's, for sorting.
size_t shingleHashes(const char16_t* units, size_t length, size_t shingleSize, uint32_t* out, std::vector<uint32_t>& scratch);

// The signature of a shingle set, `permutations` values, with each bin's seed for borrowing a value. `filled` is
// the caller's scratch.
void minHashSignature(const uint32_t* shingles, size_t count, const uint32_t* hashSeeds, uint32_t seed, size_t permutations, uint32_t* signature,
                      std::vector<uint8_t>& filled);

// Jaccard of two sorted hash sets when it may reach `min`, else −1 (checked every 64 merge steps).
double jaccardAtLeast(const uint32_t* a, size_t na, const uint32_t* b, size_t nb, double min);

}  // namespace monitor
