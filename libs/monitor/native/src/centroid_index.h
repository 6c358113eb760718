// The numeric core of the topic clusterer (libs/monitor/src/topic-clusterer.ts keeps the rest): a message's TF-IDF
// vector, the centroids, the inverted index term → centroids, the best match, joins with their pruning, and each
// cluster's most central samples. Every sum and tie is taken in the order the TypeScript clusterer always took them,
// so its answers are the same to the last bit. Powers of two and logarithms come from the caller: the JavaScript
// engine's `Math.log` and `**` need not round as the C library does.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "token_table.h"

namespace monitor {

struct CentroidSettings {
  int32_t maxTermsPerMessage;
  int32_t maxCentroidTerms;
  // Central sample candidates kept per cluster, and the heaviest terms each keeps.
  int32_t centralSamples;
  int32_t sampleTerms;
  // The table is swept when it holds this many tokens.
  int32_t tokenLimit;
};

// A term list in term order keeps each term's key beside it (`Token::key`), so that merging and searching it reads
// no token.
struct Sample {
  std::vector<int32_t> terms;
  std::vector<int64_t> keys;
  std::vector<double> weights;
};

struct Centroid {
  bool live = false;
  int32_t seq = 0;
  // In term order; `slots[k]` is the cluster's place in the posting of `terms[k]`.
  std::vector<int32_t> terms;
  std::vector<int64_t> keys;
  std::vector<double> weights;
  std::vector<int32_t> slots;
  // Candidates for the most central messages, most central first.
  std::vector<Sample> samples;
};

// The clusters whose centroid has a term, each with the term's weight there: one array, read in one stream.
struct PostingEntry {
  int32_t cluster;
  double weight;
};
using Posting = std::vector<PostingEntry>;

// Answers the idf of a token seen for the first time (NaN for no term), told the id it will have.
using Classify = std::function<double(const char16_t* units, size_t length, int32_t id)>;
// Math.log of a count beyond the table the caller gave.
using Logarithm = std::function<double(double)>;

class CentroidIndex {
 public:
  CentroidIndex(CentroidSettings settings, std::vector<double> logs, Classify classify, Logarithm logarithm);

  // The vector of a message from its tokens (each a length, then its code units): its length, 0 when it has no
  // weighted term. The best cluster sharing a term (−1 for none) and its similarity go to `best` and `similarity`.
  int32_t match(const char16_t* stream, size_t units, int32_t tokens, int32_t& best, double& similarity);
  // The message just matched starts a cluster; its index.
  int32_t create(int32_t seq);
  // The message just matched joins `index`: first its weights are scaled by `scale` (the caller's halvings), then
  // the message's vector is added `growth` times. The new order of the central samples goes to `order` (an old
  // sample's place, or the number of old samples for the message's own), its length returned.
  int32_t join(int32_t index, double growth, double scale, int32_t* order);
  // A cluster from its plain data: terms (each a length, then its code units) in term order with their weights,
  // then the samples' terms, `sampleLengths` long each.
  int32_t put(int32_t seq, const char16_t* stream, size_t units, const double* weights, int32_t terms, const int32_t* sampleLengths,
              int32_t samples);
  void drop(int32_t index);

  const Centroid& centroid(int32_t index) const { return clusters_[index]; }
  bool live(int32_t index) const { return static_cast<size_t>(index) < clusters_.size() && clusters_[index].live; }
  const TokenTable& tokens() const { return tokens_; }
  // The places of the `count` heaviest terms, heaviest first (ties in term order).
  int32_t heaviest(int32_t index, int32_t count, int32_t* places) const;
  size_t bytes() const;

 private:
  int32_t intern(const char16_t* units, size_t length, uint32_t hash);
  void register_(int32_t index);
  int32_t newIndex(int32_t seq);
  void post(int32_t index, int32_t k);
  void unpost(int32_t index, int32_t k);
  void addRef(int32_t id) { tokens_[id].refs += 1; }
  void release(int32_t id);
  void prune(int32_t index, int32_t excess);
  void setNorm(int32_t index);
  Sample messageSample() const;
  double cosine(const Sample& sample, int32_t index) const;
  void retain(Sample& sample);
  void releaseSample(const Sample& sample);
  bool ranksBefore(const Centroid& c, int32_t i, int32_t j) const;
  // The first place of `c` whose term does not sort before the term (with its key).
  size_t placeOf(const Centroid& c, int64_t key, int32_t term) const;

  CentroidSettings settings_;
  std::vector<double> logs_;
  Classify classify_;
  Logarithm logarithm_;
  TokenTable tokens_;
  size_t sweepAt_;
  uint32_t tokenPass_ = 0;
  std::vector<int32_t> counted_;
  std::vector<uint32_t> hashes_;
  std::vector<double> countedWeights_;
  std::vector<int32_t> keptPlaces_;
  // The vector of the message last matched, in term order.
  std::vector<int32_t> vectorTerms_;
  std::vector<int64_t> vectorKeys_;
  std::vector<double> vectorWeights_;

  // Scratch of `join`.
  std::vector<int32_t> mergeTerms_;
  std::vector<int64_t> mergeKeys_;
  std::vector<double> mergeWeights_;
  std::vector<int32_t> mergeSlots_;
  std::vector<size_t> mergeAdded_;

  std::vector<Centroid> clusters_;
  std::vector<int32_t> freeIndices_;
  std::vector<Posting> postings_;
  std::vector<int32_t> freePostings_;
  // Per cluster index: its norm, and the scratch of `match` (dot product and the pass it belongs to).
  std::vector<double> norms_;
  struct Score {
    double dot;
    uint32_t pass;
  };
  std::vector<Score> scores_;
  std::vector<int32_t> touched_;
  uint32_t pass_ = 0;
};

}  // namespace monitor
