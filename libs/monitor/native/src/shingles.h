// Character n-gram shingles, one-permutation MinHash and exact Jaccard for the near-duplicate index
// (libs/monitor/src/minhash.ts gives the reasons). 32-bit integer arithmetic throughout, so every value is the one
// the TypeScript functions computed before, and the one stored signatures were made with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace monitor {

uint32_t mix32(uint32_t value);

// Hashes of the distinct `shingleSize`-code-point runs of `units`, ascending, into `out` (at least `length` long,
// or 1 for a text shorter than a shingle); answers how many.
size_t shingleHashes(const char16_t* units, size_t length, size_t shingleSize, uint32_t* out);

// The signature of a shingle set, `permutations` values, with each bin's seed for borrowing a value.
void minHashSignature(const uint32_t* shingles, size_t count, const uint32_t* hashSeeds, uint32_t seed, size_t permutations, uint32_t* signature);

// Jaccard of two sorted hash sets when it may reach `min`, else −1 (checked every 64 merge steps).
double jaccardAtLeast(const uint32_t* a, size_t na, const uint32_t* b, size_t nb, double min);

}  // namespace monitor
