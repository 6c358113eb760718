#include "centroid_index.h"

#include <algorithm>
#include <cmath>

namespace monitor {

namespace {

// Puts `item` where it ranks in `top` (best first, at most `count` long), as `keepBest` in TypeScript: of equal
// items the one that came first stays first.
template <typename Before>
void keepBest(std::vector<int32_t>& top, size_t count, int32_t item, Before before) {
  if (top.size() == count && !before(item, top[count - 1])) return;
  size_t place = top.size() == count ? count - 1 : top.size();
  if (top.size() < count) top.push_back(item);
  for (; place > 0 && before(item, top[place - 1]); place -= 1) top[place] = top[place - 1];
  top[place] = item;
}

}  // namespace

CentroidIndex::CentroidIndex(CentroidSettings settings, std::vector<double> logs, Classify classify, Logarithm logarithm)
    : settings_(settings),
      logs_(std::move(logs)),
      classify_(std::move(classify)),
      logarithm_(std::move(logarithm)),
      sweepAt_(static_cast<size_t>(settings.tokenLimit)) {}

int32_t CentroidIndex::intern(const char16_t* units, size_t length, uint32_t hash) {
  int32_t id = tokens_.find(units, length, hash);
  if (id != -1) return id;
  // Asked before the token goes in: if the caller throws, the table is as it was.
  const double idf = classify_(units, length, tokens_.nextId());
  return tokens_.insert(units, length, hash, idf);
}

int32_t CentroidIndex::match(const char16_t* stream, size_t units, int32_t tokens, int32_t& best, double& similarity) {
  best = -1;
  similarity = -1;
  // Between messages only: the ids of the message being added must stay its own.
  if (tokens_.size() >= sweepAt_) {
    tokens_.sweep();
    sweepAt_ = std::max(static_cast<size_t>(settings_.tokenLimit), 2 * tokens_.size());
  }
  tokenPass_ += 1;
  const uint32_t pass = tokenPass_;
  counted_.clear();
  // Every token's hash first, with its slot asked for: the lookups then find most slots in the cache.
  hashes_.clear();
  eachToken(stream, units, tokens, [this](const char16_t* token, size_t length) {
    hashes_.push_back(TokenTable::hashOf(token, length));
    tokens_.prefetch(hashes_.back());
  });
  size_t t = 0;
  eachToken(stream, units, tokens, [&](const char16_t* unitsOfToken, size_t length) {
    const int32_t id = intern(unitsOfToken, length, hashes_[t++]);
    TokenCount& token = tokens_.counts(id);
    if (std::isnan(token.idf)) return;
    if (token.pass != pass) {
      token.pass = pass;
      token.count = 0;
      counted_.push_back(id);
    }
    token.count += 1;
  });

  // The heaviest terms by (1 + ln tf) × idf, heaviest first (equal weights in term order), kept as they come: places
  // in `counted_`, whose weights are in `countedWeights_`.
  countedWeights_.resize(counted_.size());
  keptPlaces_.clear();
  const size_t max = static_cast<size_t>(settings_.maxTermsPerMessage);
  auto heavier = [this](int32_t a, int32_t b) {
    const double wa = countedWeights_[a];
    const double wb = countedWeights_[b];
    return wa > wb || (wa == wb && tokens_.before(counted_[a], counted_[b]));
  };
  for (size_t c = 0; c < counted_.size(); c += 1) {
    const TokenCount& token = tokens_.counts(counted_[c]);
    const double logarithm = static_cast<size_t>(token.count) < logs_.size() ? logs_[token.count] : logarithm_(token.count);
    const double weight = (1 + logarithm) * token.idf;
    countedWeights_[c] = weight;
    if (weight > 0 && std::isfinite(weight)) keepBest(keptPlaces_, max, static_cast<int32_t>(c), heavier);
  }
  std::vector<int32_t>& kept = vectorTerms_;
  kept.clear();
  if (keptPlaces_.empty()) return 0;
  // Summed heaviest first, as it always was.
  double squares = 0;
  for (const int32_t c : keptPlaces_) squares += countedWeights_[c] * countedWeights_[c];
  const double norm = std::sqrt(squares);
  std::sort(keptPlaces_.begin(), keptPlaces_.end(), [this](int32_t a, int32_t b) { return tokens_.before(counted_[a], counted_[b]); });
  vectorWeights_.resize(keptPlaces_.size());
  vectorKeys_.resize(keptPlaces_.size());
  for (size_t v = 0; v < keptPlaces_.size(); v += 1) {
    const int32_t id = counted_[keptPlaces_[v]];
    kept.push_back(id);
    vectorWeights_[v] = countedWeights_[keptPlaces_[v]] / norm;
    vectorKeys_[v] = tokens_[id].key;
  }

  // Dot products with every cluster sharing a term, summed in the vector's term order.
  pass_ += 1;
  const uint32_t scoring = pass_;
  Score* const scores = scores_.data();
  int32_t* const touched = touched_.data();
  size_t count = 0;
  for (size_t v = 0; v < kept.size(); v += 1) {
    const int32_t posting = tokens_[kept[v]].posting;
    if (posting == -1) continue;
    const double weight = vectorWeights_[v];
    for (const PostingEntry& entry : postings_[posting]) {
      Score& score = scores[entry.cluster];
      if (score.pass != scoring) {
        score.pass = scoring;
        score.dot = 0;
        touched[count++] = entry.cluster;
      }
      score.dot += weight * entry.weight;
    }
  }
  for (size_t i = 0; i < count; i += 1) {
    const int32_t index = touched_[i];
    const double s = scores_[index].dot / norms_[index];
    if (s > similarity) {
      best = index;
      similarity = s;
    } else if (s == similarity && best != -1 && clusters_[index].seq < clusters_[best].seq) {
      best = index;
    }
  }
  return static_cast<int32_t>(kept.size());
}

int32_t CentroidIndex::newIndex(int32_t seq) {
  int32_t index;
  if (freeIndices_.empty()) {
    index = static_cast<int32_t>(clusters_.size());
    clusters_.emplace_back();
    norms_.push_back(1);
    scores_.push_back({0, 0});
    touched_.push_back(0);
  } else {
    index = freeIndices_.back();
    freeIndices_.pop_back();
  }
  Centroid& c = clusters_[index];
  c = Centroid();
  c.live = true;
  c.seq = seq;
  norms_[index] = 1;
  scores_[index] = {0, 0};
  return index;
}

void CentroidIndex::post(int32_t index, int32_t k) {
  Centroid& c = clusters_[index];
  Token& token = tokens_[c.terms[k]];
  if (token.posting == -1) {
    if (freePostings_.empty()) {
      token.posting = static_cast<int32_t>(postings_.size());
      postings_.emplace_back();
    } else {
      token.posting = freePostings_.back();
      freePostings_.pop_back();
    }
  }
  Posting& p = postings_[token.posting];
  c.slots[k] = static_cast<int32_t>(p.size());
  p.push_back(PostingEntry{index, c.weights[k]});
  token.refs += 1;
}

// Takes term `k` of a centroid out of its posting, moving the posting's last slot into the gap.
void CentroidIndex::unpost(int32_t index, int32_t k) {
  const Centroid& c = clusters_[index];
  const int32_t term = c.terms[k];
  Token& token = tokens_[term];
  Posting& p = postings_[token.posting];
  const size_t slot = static_cast<size_t>(c.slots[k]);
  const size_t last = p.size() - 1;
  if (slot != last) {
    p[slot] = p[last];
    Centroid& moved = clusters_[p[slot].cluster];
    moved.slots[placeOf(moved, token.key, term)] = static_cast<int32_t>(slot);
  }
  p.pop_back();
  if (p.empty()) {
    p.shrink_to_fit();
    freePostings_.push_back(token.posting);
    token.posting = -1;
  }
  release(term);
}

void CentroidIndex::release(int32_t id) { tokens_[id].refs -= 1; }

void CentroidIndex::setNorm(int32_t index) {
  Centroid& c = clusters_[index];
  double squares = 0;
  for (const double weight : c.weights) squares += weight * weight;
  norms_[index] = std::sqrt(squares);
}

size_t CentroidIndex::placeOf(const Centroid& c, int64_t key, int32_t term) const {
  size_t low = 0;
  size_t high = c.terms.size();
  while (low < high) {
    const size_t middle = (low + high) / 2;
    if (tokens_.before(c.keys[middle], c.terms[middle], key, term)) low = middle + 1;
    else high = middle;
  }
  return low;
}

Sample CentroidIndex::messageSample() const {
  const size_t count = static_cast<size_t>(settings_.sampleTerms);
  Sample sample;
  if (vectorTerms_.size() <= count) {
    sample.terms = vectorTerms_;
    sample.keys = vectorKeys_;
    sample.weights = vectorWeights_;
    return sample;
  }
  // Places in the vector, heaviest first; the vector is in term order, so an equal weight coming later stays after.
  std::vector<int32_t> top;
  for (size_t i = 0; i < vectorTerms_.size(); i += 1) {
    keepBest(top, count, static_cast<int32_t>(i), [this](int32_t a, int32_t b) { return vectorWeights_[a] > vectorWeights_[b]; });
  }
  std::sort(top.begin(), top.end());
  for (const int32_t i : top) {
    sample.terms.push_back(vectorTerms_[i]);
    sample.keys.push_back(vectorKeys_[i]);
    sample.weights.push_back(vectorWeights_[i]);
  }
  return sample;
}

double CentroidIndex::cosine(const Sample& sample, int32_t index) const {
  const Centroid& c = clusters_[index];
  const double norm = norms_[index];
  if (norm == 0) return 0;
  double dot = 0;
  for (size_t i = 0; i < sample.terms.size(); i += 1) {
    const size_t k = placeOf(c, sample.keys[i], sample.terms[i]);
    dot += sample.weights[i] * (k < c.terms.size() && c.terms[k] == sample.terms[i] ? c.weights[k] : 0);
  }
  return dot / norm;
}

void CentroidIndex::retain(Sample& sample) {
  for (const int32_t id : sample.terms) addRef(id);
}

void CentroidIndex::releaseSample(const Sample& sample) {
  for (const int32_t id : sample.terms) release(id);
}

int32_t CentroidIndex::create(int32_t seq) {
  const int32_t index = newIndex(seq);
  Centroid& c = clusters_[index];
  // The vector is in term order already; its norm is taken as 1, as a unit vector's.
  c.terms = vectorTerms_;
  c.keys = vectorKeys_;
  c.weights = vectorWeights_;
  c.slots.assign(c.terms.size(), 0);
  for (size_t k = 0; k < c.terms.size(); k += 1) post(index, static_cast<int32_t>(k));
  c.samples.push_back(messageSample());
  retain(c.samples.back());
  return index;
}

bool CentroidIndex::ranksBefore(const Centroid& c, int32_t i, int32_t j) const {
  return c.weights[i] > c.weights[j] || (c.weights[i] == c.weights[j] && tokens_.before(c.keys[i], c.terms[i], c.keys[j], c.terms[j]));
}

// Drops the `excess` lightest terms: those a sort heaviest first (ties in term order) would put last.
void CentroidIndex::prune(int32_t index, int32_t excess) {
  Centroid& c = clusters_[index];
  const size_t n = c.terms.size();
  // The places to drop, in rank order: `lightest[0]` is the one closest to being kept.
  std::vector<int32_t> lightest;
  for (size_t k = 0; k < n; k += 1) {
    const int32_t place = static_cast<int32_t>(k);
    if (lightest.size() == static_cast<size_t>(excess)) {
      if (!ranksBefore(c, lightest[0], place)) continue;
      lightest.erase(lightest.begin());
    }
    size_t at = lightest.size();
    while (at > 0 && ranksBefore(c, place, lightest[at - 1])) at -= 1;
    lightest.insert(lightest.begin() + at, place);
  }
  std::sort(lightest.begin(), lightest.end());
  for (const int32_t k : lightest) unpost(index, k);
  size_t kept = 0;
  size_t next = 0;
  for (size_t k = 0; k < n; k += 1) {
    if (next < lightest.size() && static_cast<size_t>(lightest[next]) == k) {
      next += 1;
      continue;
    }
    c.terms[kept] = c.terms[k];
    c.keys[kept] = c.keys[k];
    c.weights[kept] = c.weights[k];
    c.slots[kept] = c.slots[k];
    kept += 1;
  }
  c.terms.resize(kept);
  c.keys.resize(kept);
  c.weights.resize(kept);
  c.slots.resize(kept);
}

int32_t CentroidIndex::join(int32_t index, double growth, double scale, int32_t* order) {
  Centroid& c = clusters_[index];
  if (scale != 1) {
    for (size_t k = 0; k < c.weights.size(); k += 1) {
      c.weights[k] *= scale;
      postings_[tokens_[c.terms[k]].posting][c.slots[k]].weight = c.weights[k];
    }
  }
  // Both are in term order: one merge finds each term's place. The merged lists are built in scratch that keeps
  // its storage, then swapped with the centroid's.
  std::vector<int32_t>& terms = mergeTerms_;
  std::vector<int64_t>& keys = mergeKeys_;
  std::vector<double>& weights = mergeWeights_;
  std::vector<int32_t>& slots = mergeSlots_;
  std::vector<size_t>& added = mergeAdded_;
  terms.clear();
  keys.clear();
  weights.clear();
  slots.clear();
  added.clear();
  auto keep = [&](size_t k, double weight) {
    terms.push_back(c.terms[k]);
    keys.push_back(c.keys[k]);
    weights.push_back(weight);
    slots.push_back(c.slots[k]);
  };
  size_t k = 0;
  for (size_t v = 0; v < vectorTerms_.size(); v += 1) {
    const int32_t term = vectorTerms_[v];
    const int64_t key = vectorKeys_[v];
    for (; k < c.terms.size() && tokens_.before(c.keys[k], c.terms[k], key, term); k += 1) keep(k, c.weights[k]);
    if (k < c.terms.size() && c.terms[k] == term) {
      const double weight = c.weights[k] + vectorWeights_[v] * growth;
      postings_[tokens_[term].posting][c.slots[k]].weight = weight;
      keep(k, weight);
      k += 1;
    } else {
      added.push_back(terms.size());
      terms.push_back(term);
      keys.push_back(key);
      weights.push_back(vectorWeights_[v] * growth);
      slots.push_back(0);
    }
  }
  for (; k < c.terms.size(); k += 1) keep(k, c.weights[k]);
  c.terms.swap(terms);
  c.keys.swap(keys);
  c.weights.swap(weights);
  c.slots.swap(slots);
  for (const size_t place : added) post(index, static_cast<int32_t>(place));
  const int32_t excess = static_cast<int32_t>(c.terms.size()) - settings_.maxCentroidTerms;
  if (excess > 0) prune(index, excess);
  setNorm(index);

  // The most central candidates against the centroid as it is now: the old ones, then the message's own.
  Sample added_ = messageSample();
  std::vector<double> scores;
  for (const Sample& sample : c.samples) scores.push_back(cosine(sample, index));
  scores.push_back(cosine(added_, index));
  std::vector<int32_t> top;
  for (size_t i = 0; i < scores.size(); i += 1) {
    keepBest(top, static_cast<size_t>(settings_.centralSamples), static_cast<int32_t>(i),
             [&scores](int32_t a, int32_t b) { return scores[a] > scores[b]; });
  }
  std::vector<Sample> samples;
  std::vector<bool> keptOld(c.samples.size(), false);
  for (size_t i = 0; i < top.size(); i += 1) {
    order[i] = top[i];
    if (static_cast<size_t>(top[i]) < c.samples.size()) {
      keptOld[top[i]] = true;
      samples.push_back(std::move(c.samples[top[i]]));
    } else {
      retain(added_);
      samples.push_back(std::move(added_));
    }
  }
  for (size_t i = 0; i < keptOld.size(); i += 1) if (!keptOld[i]) releaseSample(c.samples[i]);
  c.samples.swap(samples);
  return static_cast<int32_t>(top.size());
}

int32_t CentroidIndex::put(int32_t seq, const char16_t* stream, size_t units, const double* weights, int32_t terms,
                           const int32_t* sampleLengths, int32_t samples) {
  // Every token first: a caller that throws while one is classified leaves no half-built cluster.
  std::vector<int32_t> ids;
  int32_t total = terms;
  for (int32_t s = 0; s < samples; s += 1) total += sampleLengths[s];
  eachToken(stream, units, total, [&](const char16_t* token, size_t length) { ids.push_back(intern(token, length, TokenTable::hashOf(token, length))); });
  const int32_t index = newIndex(seq);
  Centroid& c = clusters_[index];
  c.terms.assign(ids.begin(), ids.begin() + terms);
  for (const int32_t id : c.terms) c.keys.push_back(tokens_[id].key);
  c.weights.assign(weights, weights + terms);
  c.slots.assign(terms, 0);
  for (int32_t k = 0; k < terms; k += 1) post(index, k);
  setNorm(index);
  size_t from = static_cast<size_t>(terms);
  for (int32_t s = 0; s < samples; s += 1) {
    Sample sample;
    sample.terms.assign(ids.begin() + from, ids.begin() + from + sampleLengths[s]);
    for (const int32_t id : sample.terms) sample.keys.push_back(tokens_[id].key);
    sample.weights.assign(weights + from, weights + from + sampleLengths[s]);
    from += sampleLengths[s];
    retain(sample);
    c.samples.push_back(std::move(sample));
  }
  return index;
}

void CentroidIndex::drop(int32_t index) {
  Centroid& c = clusters_[index];
  for (size_t k = 0; k < c.terms.size(); k += 1) unpost(index, static_cast<int32_t>(k));
  for (const Sample& sample : c.samples) releaseSample(sample);
  c = Centroid();
  freeIndices_.push_back(index);
}

int32_t CentroidIndex::heaviest(int32_t index, int32_t count, int32_t* places) const {
  const Centroid& c = clusters_[index];
  std::vector<int32_t> top;
  for (size_t k = 0; k < c.weights.size(); k += 1) {
    keepBest(top, static_cast<size_t>(count), static_cast<int32_t>(k), [&c](int32_t a, int32_t b) { return c.weights[a] > c.weights[b]; });
  }
  std::copy(top.begin(), top.end(), places);
  return static_cast<int32_t>(top.size());
}

size_t CentroidIndex::bytes() const {
  size_t total = tokens_.bytes() + logs_.capacity() * sizeof(double) + clusters_.capacity() * sizeof(Centroid) +
                 postings_.capacity() * sizeof(Posting) + norms_.capacity() * sizeof(double) + scores_.capacity() * sizeof(Score) +
                 touched_.capacity() * sizeof(int32_t);
  for (const Centroid& c : clusters_) {
    total += c.terms.capacity() * (2 * sizeof(int32_t) + sizeof(int64_t) + sizeof(double)) + c.samples.capacity() * sizeof(Sample);
    for (const Sample& s : c.samples) total += s.terms.capacity() * (sizeof(int32_t) + sizeof(int64_t)) + s.weights.capacity() * sizeof(double);
  }
  for (const Posting& p : postings_) total += p.capacity() * sizeof(PostingEntry);
  return total;
}

}  // namespace monitor
