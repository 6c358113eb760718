#include "shingles.h"

#include <algorithm>
#include <cmath>

namespace monitor {

namespace {

constexpr double kTwo32 = 4294967296.0;
constexpr size_t kBoundCheckSteps = 64;

// Sorts hash values ascending: a least-significant-digit radix sort, four passes of a byte. A message's few hundred
// hashes are uniform, and a comparison sort mispredicts about every other comparison on them.
void sortHashes(uint32_t* values, size_t n, std::vector<uint32_t>& scratch) {
  if (n < 64) {
    std::sort(values, values + n);
    return;
  }
  scratch.resize(n);
  uint32_t* from = values;
  uint32_t* to = scratch.data();
  for (int shift = 0; shift < 32; shift += 8) {
    size_t starts[257] = {0};
    for (size_t i = 0; i < n; i += 1) starts[((from[i] >> shift) & 0xff) + 1] += 1;
    for (size_t b = 1; b < 257; b += 1) starts[b] += starts[b - 1];
    for (size_t i = 0; i < n; i += 1) to[starts[(from[i] >> shift) & 0xff]++] = from[i];
    std::swap(from, to);
  }
  // After an even number of passes the values are back where they started.
}

// ⌊value / 2³² × bins⌋; the quotient is never negative, so truncation is the floor (and needs no call to libm).
size_t binOf(uint32_t value, double bins) { return static_cast<size_t>((value / kTwo32) * bins); }

}  // namespace

size_t shingleHashes(const char16_t* units, size_t length, size_t shingleSize, uint32_t* out, std::vector<uint32_t>& scratch) {
  // The code points go to `out` first (a character outside the BMP is one value, a lone surrogate its own); each
  // shingle's hash then takes the place of its first code point, which no later shingle reads.
  size_t count = 0;
  for (size_t i = 0; i < length; i += 1) {
    const uint32_t unit = units[i];
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const uint32_t next = units[i + 1];
      if (next >= 0xdc00 && next <= 0xdfff) {
        out[count++] = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
        i += 1;
        continue;
      }
    }
    out[count++] = unit;
  }
  if (count == 0) return 0;
  if (count <= shingleSize) {
    out[0] = hashInts(out, 0, count);
    return 1;
  }
  const size_t n = count - shingleSize + 1;
  for (size_t start = 0; start < n; start += 1) out[start] = hashInts(out, start, start + shingleSize);
  sortHashes(out, n, scratch);
  return static_cast<size_t>(std::unique(out, out + n) - out);
}

void minHashSignature(const uint32_t* shingles, size_t count, const uint32_t* hashSeeds, uint32_t seed, size_t permutations, uint32_t* signature,
                      std::vector<uint8_t>& filled) {
  std::fill(signature, signature + permutations, 0xffffffffu);
  if (count == 0) return;
  filled.assign(permutations, 0);
  const double bins = static_cast<double>(permutations);
  for (size_t s = 0; s < count; s += 1) {
    const uint32_t value = mix32(shingles[s] ^ seed);
    const size_t bin = binOf(value, bins);
    if (filled[bin] == 0 || value < signature[bin]) signature[bin] = value;
    filled[bin] = 1;
  }
  for (size_t bin = 0; bin < permutations; bin += 1) {
    if (filled[bin] == 1) continue;
    for (uint32_t attempt = 1;; attempt += 1) {
      const size_t from = binOf(mix32(hashSeeds[bin] + attempt), bins);
      if (filled[from] == 1) {
        signature[bin] = signature[from];
        break;
      }
    }
  }
}

double jaccardAtLeast(const uint32_t* a, size_t na, const uint32_t* b, size_t nb, double min) {
  if (na == 0 && nb == 0) return 0;
  // shared / (na + nb − shared) ≥ min ⇔ shared ≥ min (na + nb) / (1 + min); the margin only delays giving up.
  const double needed = (min * static_cast<double>(na + nb)) / (1 + min) - 1e-6;
  size_t i = 0;
  size_t j = 0;
  size_t shared = 0;
  for (;;) {
    const size_t left = std::min(na - i, nb - j);
    if (left == 0) break;
    if (static_cast<double>(shared + left) < needed) return -1;
    // Without branches on the comparison: which way a merge step goes is a coin toss the processor cannot predict.
    for (size_t step = std::min(left, kBoundCheckSteps); step > 0; step -= 1) {
      const uint32_t x = a[i];
      const uint32_t y = b[j];
      shared += x == y;
      i += x <= y;
      j += y <= x;
    }
  }
  return static_cast<double>(shared) / static_cast<double>(na + nb - shared);
}

}  // namespace monitor
