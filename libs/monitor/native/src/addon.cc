// The JavaScript face of the centroid index (`ClusterCore`). Messages and states cross in three typed arrays the
// caller registers once (`setBuffers`) and reuses: code units of tokens, numbers and integers, so a message costs
// two calls and no string or array per token.
#include <napi.h>

#include <algorithm>
#include <cmath>

#include "centroid_index.h"
#include "duplicate_index.h"
#include "sentiment_core.h"
#include "shingles.h"

namespace {

using monitor::CentroidIndex;
using monitor::CentroidSettings;

int32_t intOf(const Napi::Object& settings, const char* name) {
  const Napi::Value value = settings.Get(name);
  if (!value.IsNumber()) throw Napi::TypeError::New(settings.Env(), std::string(name) + " must be a number");
  return value.As<Napi::Number>().Int32Value();
}

template <typename T>
struct View {
  T* data = nullptr;
  size_t length = 0;
  Napi::Reference<Napi::TypedArray> ref;
};

template <typename T, typename A>
void take(View<T>& view, const Napi::Value& value, const char* what, napi_typedarray_type type) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != type) {
    throw Napi::TypeError::New(value.Env(), std::string(what) + " is not a typed array of the right kind");
  }
  A array = value.As<A>();
  view.data = reinterpret_cast<T*>(array.Data());
  view.length = array.ElementLength();
  view.ref = Napi::Persistent(value.As<Napi::TypedArray>());
}


// The typed arrays a class and its caller share (`setBuffers(units: Uint16Array, numbers: Float64Array, ints:
// Int32Array)`): code units in, numbers and integers out, registered once and reused for every call.
struct Buffers {
  View<char16_t> units;
  View<double> numbers;
  View<int32_t> ints;

  void set(const Napi::CallbackInfo& info) {
    take<char16_t, Napi::Uint16Array>(units, info[0], "units", napi_uint16_array);
    take<double, Napi::Float64Array>(numbers, info[1], "numbers", napi_float64_array);
    take<int32_t, Napi::Int32Array>(ints, info[2], "ints", napi_int32_array);
  }
};

class ClusterCore : public Napi::ObjectWrap<ClusterCore> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "ClusterCore",
                       {
                           InstanceMethod<&ClusterCore::SetBuffers>("setBuffers"),
                           InstanceMethod<&ClusterCore::Match>("match"),
                           InstanceMethod<&ClusterCore::Create>("create"),
                           InstanceMethod<&ClusterCore::Join>("join"),
                           InstanceMethod<&ClusterCore::Put>("put"),
                           InstanceMethod<&ClusterCore::Drop>("drop"),
                           InstanceMethod<&ClusterCore::Heaviest>("heaviest"),
                           InstanceMethod<&ClusterCore::Centroid>("centroid"),
                           InstanceMethod<&ClusterCore::Samples>("samples"),
                           InstanceMethod<&ClusterCore::WeightSum>("weightSum"),
                           InstanceMethod<&ClusterCore::Bytes>("bytes"),
                       });
  }

  // new ClusterCore(settings, logs: Float64Array of Math.log(n), classify(token, id) → idf or NaN, log(n))
  explicit ClusterCore(const Napi::CallbackInfo& info) : Napi::ObjectWrap<ClusterCore>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 4 || !info[0].IsObject() || !info[1].IsTypedArray() || !info[2].IsFunction() || !info[3].IsFunction()) {
      throw Napi::TypeError::New(env, "ClusterCore(settings, logs, classify, log)");
    }
    const Napi::Object settings = info[0].As<Napi::Object>();
    const CentroidSettings s{intOf(settings, "maxTermsPerMessage"), intOf(settings, "maxCentroidTerms"), intOf(settings, "centralSamples"),
                             intOf(settings, "sampleTerms"), intOf(settings, "tokenLimit")};
    const Napi::Float64Array logs = info[1].As<Napi::Float64Array>();
    classify_ = Napi::Persistent(info[2].As<Napi::Function>());
    log_ = Napi::Persistent(info[3].As<Napi::Function>());
    index_ = std::make_unique<CentroidIndex>(
        s, std::vector<double>(logs.Data(), logs.Data() + logs.ElementLength()),
        [this](const char16_t* units, size_t length, int32_t id) {
          Napi::Env env = classify_.Env();
          const Napi::Value idf = classify_.Call({Napi::String::New(env, units, length), Napi::Number::New(env, id)});
          return idf.IsNumber() ? idf.As<Napi::Number>().DoubleValue() : NAN;
        },
        [this](double n) { return log_.Call({Napi::Number::New(log_.Env(), n)}).As<Napi::Number>().DoubleValue(); });
  }

 private:
  Napi::Value SetBuffers(const Napi::CallbackInfo& info) {
    buffers_.set(info);
    return info.Env().Undefined();
  }

  int32_t arg(const Napi::CallbackInfo& info, size_t i) const { return info[i].As<Napi::Number>().Int32Value(); }

  int32_t checkedIndex(const Napi::CallbackInfo& info, size_t i) const {
    const int32_t index = arg(info, i);
    if (index < 0 || !index_->live(index)) throw Napi::RangeError::New(info.Env(), "no cluster at that index");
    return index;
  }

  // match(units, tokens) → vector length; the best cluster's index in ints[0] (−1: none), its similarity in numbers[0]
  Napi::Value Match(const Napi::CallbackInfo& info) {
    const size_t units = std::min<size_t>(static_cast<size_t>(arg(info, 0)), buffers_.units.length);
    int32_t best;
    double similarity;
    const int32_t length = index_->match(buffers_.units.data, units, arg(info, 1), best, similarity);
    buffers_.ints.data[0] = best;
    buffers_.numbers.data[0] = similarity;
    return Napi::Number::New(info.Env(), length);
  }

  Napi::Value Create(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), index_->create(arg(info, 0)));
  }

  // join(index, growth, scale) → samples kept; their order in ints (old places, or the old count for the new one)
  Napi::Value Join(const Napi::CallbackInfo& info) {
    const int32_t index = checkedIndex(info, 0);
    const double growth = info[1].As<Napi::Number>().DoubleValue();
    const double scale = info[2].As<Napi::Number>().DoubleValue();
    return Napi::Number::New(info.Env(), index_->join(index, growth, scale, buffers_.ints.data));
  }

  // put(seq, units, terms, samples) → index; weights in numbers, sample lengths in ints
  Napi::Value Put(const Napi::CallbackInfo& info) {
    const size_t units = std::min<size_t>(static_cast<size_t>(arg(info, 1)), buffers_.units.length);
    const int32_t terms = arg(info, 2);
    const int32_t samples = arg(info, 3);
    if (terms < 0 || samples < 0 || static_cast<size_t>(samples) > buffers_.ints.length) throw Napi::RangeError::New(info.Env(), "bad put sizes");
    size_t total = static_cast<size_t>(terms);
    for (int32_t s = 0; s < samples; s += 1) total += static_cast<size_t>(std::max(0, buffers_.ints.data[s]));
    if (total > buffers_.numbers.length) throw Napi::RangeError::New(info.Env(), "put weights exceed the numbers buffer");
    return Napi::Number::New(info.Env(), index_->put(arg(info, 0), buffers_.units.data, units, buffers_.numbers.data, terms, buffers_.ints.data, samples));
  }

  Napi::Value Drop(const Napi::CallbackInfo& info) {
    index_->drop(checkedIndex(info, 0));
    return info.Env().Undefined();
  }

  // heaviest(index, count) → n; term ids in ints, weights in numbers, heaviest first
  Napi::Value Heaviest(const Napi::CallbackInfo& info) {
    const int32_t index = checkedIndex(info, 0);
    const int32_t count = std::min<int32_t>(arg(info, 1), static_cast<int32_t>(std::min(buffers_.ints.length, buffers_.numbers.length)));
    std::vector<int32_t> places(static_cast<size_t>(std::max(count, 0)));
    const int32_t n = index_->heaviest(index, count, places.data());
    const monitor::Centroid& c = index_->centroid(index);
    for (int32_t i = 0; i < n; i += 1) {
      buffers_.ints.data[i] = c.terms[places[i]];
      buffers_.numbers.data[i] = c.weights[places[i]];
    }
    return Napi::Number::New(info.Env(), n);
  }

  // centroid(index) → n; term ids in ints, weights in numbers, in term order
  Napi::Value Centroid(const Napi::CallbackInfo& info) {
    const monitor::Centroid& c = index_->centroid(checkedIndex(info, 0));
    if (c.terms.size() > buffers_.ints.length || c.terms.size() > buffers_.numbers.length) return Napi::Number::New(info.Env(), -static_cast<double>(c.terms.size()));
    std::copy(c.terms.begin(), c.terms.end(), buffers_.ints.data);
    std::copy(c.weights.begin(), c.weights.end(), buffers_.numbers.data);
    return Napi::Number::New(info.Env(), static_cast<double>(c.terms.size()));
  }

  // samples(index) → count; ints: each sample's length, then all their term ids; numbers: their weights
  Napi::Value Samples(const Napi::CallbackInfo& info) {
    const monitor::Centroid& c = index_->centroid(checkedIndex(info, 0));
    size_t total = c.samples.size();
    size_t weights = 0;
    for (const monitor::Sample& s : c.samples) weights += s.terms.size();
    if (total + weights > buffers_.ints.length || weights > buffers_.numbers.length) return Napi::Number::New(info.Env(), -static_cast<double>(total + weights));
    size_t at = c.samples.size();
    size_t w = 0;
    for (size_t i = 0; i < c.samples.size(); i += 1) {
      buffers_.ints.data[i] = static_cast<int32_t>(c.samples[i].terms.size());
      for (size_t j = 0; j < c.samples[i].terms.size(); j += 1) {
        buffers_.ints.data[at++] = c.samples[i].terms[j];
        buffers_.numbers.data[w++] = c.samples[i].weights[j];
      }
    }
    return Napi::Number::New(info.Env(), static_cast<double>(c.samples.size()));
  }

  // The centroid's weights summed in term order.
  Napi::Value WeightSum(const Napi::CallbackInfo& info) {
    const monitor::Centroid& c = index_->centroid(checkedIndex(info, 0));
    double total = 0;
    for (const double weight : c.weights) total += weight;
    return Napi::Number::New(info.Env(), total);
  }

  Napi::Value Bytes(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), static_cast<double>(index_->bytes())); }

  std::unique_ptr<CentroidIndex> index_;
  Napi::FunctionReference classify_;
  Napi::FunctionReference log_;
  Buffers buffers_;
};

// new SentimentCore(settings, words: [text, entryKind, entryWeight, phraseKind, phraseWeight][] (kind −1: none),
//   normalize(token) → [text, hasLetterOrNumber])
class SentimentCoreWrap : public Napi::ObjectWrap<SentimentCoreWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "SentimentCore",
                       {InstanceMethod<&SentimentCoreWrap::SetBuffers>("setBuffers"), InstanceMethod<&SentimentCoreWrap::Score>("score")});
  }

  explicit SentimentCoreWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<SentimentCoreWrap>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 3 || !info[0].IsObject() || !info[1].IsArray() || !info[2].IsFunction()) {
      throw Napi::TypeError::New(env, "SentimentCore(settings, words, normalize)");
    }
    const Napi::Object o = info[0].As<Napi::Object>();
    auto number = [&](const char* name) {
      const Napi::Value value = o.Get(name);
      if (!value.IsNumber()) throw Napi::TypeError::New(env, std::string(name) + " must be a number");
      return value.As<Napi::Number>().DoubleValue();
    };
    const monitor::SentimentSettings settings{static_cast<int32_t>(number("window")), static_cast<int32_t>(number("requestWindow")),
                                              number("negatedDegreeFactor"), number("saturation"), number("punctuationStep"),
                                              static_cast<int32_t>(number("punctuationMaxExtra"))};
    const Napi::Array list = info[1].As<Napi::Array>();
    std::vector<monitor::LexiconWord> words;
    for (uint32_t i = 0; i < list.Length(); i += 1) {
      const Napi::Array item = list.Get(i).As<Napi::Array>();
      monitor::LexiconWord word;
      word.text = item.Get(0u).As<Napi::String>().Utf16Value();
      const int32_t entryKind = item.Get(1u).As<Napi::Number>().Int32Value();
      const int32_t phraseKind = item.Get(3u).As<Napi::Number>().Int32Value();
      word.entry = entryKind >= 0;
      word.entryKind = static_cast<monitor::EntryKind>(std::max(entryKind, 0));
      word.entryWeight = item.Get(2u).As<Napi::Number>().DoubleValue();
      word.phrase = phraseKind >= 0;
      word.phraseKind = static_cast<monitor::EntryKind>(std::max(phraseKind, 0));
      word.phraseWeight = item.Get(4u).As<Napi::Number>().DoubleValue();
      words.push_back(std::move(word));
    }
    normalize_ = Napi::Persistent(info[2].As<Napi::Function>());
    core_ = std::make_unique<monitor::SentimentCore>(settings, std::move(words), [this](const char16_t* units, size_t length) {
      Napi::Env env = normalize_.Env();
      const Napi::Value result = normalize_.Call({Napi::String::New(env, units, length)});
      if (!result.IsArray()) throw Napi::TypeError::New(env, "normalize must answer [text, hasLetterOrNumber]");
      const Napi::Array pair = result.As<Napi::Array>();
      return monitor::NormalizedToken{pair.Get(0u).As<Napi::String>().Utf16Value(), pair.Get(1u).ToBoolean().Value()};
    });
  }

 private:
  Napi::Value SetBuffers(const Napi::CallbackInfo& info) {
    buffers_.set(info);
    return info.Env().Undefined();
  }

  // score(tokenUnits, tokens, textLength: the folded text follows the tokens, −1 for none) → cue count, or
  // −(values needed) when numbers or ints are too short. numbers: score, raw, intensity, then each cue's contribution;
  // ints per cue: kind, word (or start), source, length, modifier count, modifiers.
  Napi::Value Score(const Napi::CallbackInfo& info) {
    const size_t units = static_cast<size_t>(std::max(0, info[0].As<Napi::Number>().Int32Value()));
    const int32_t tokens = info[1].As<Napi::Number>().Int32Value();
    const int32_t textLength = info[2].As<Napi::Number>().Int32Value();
    if (units + static_cast<size_t>(std::max(textLength, 0)) > buffers_.units.length) throw Napi::RangeError::New(info.Env(), "score: past the units buffer");
    const char16_t* data = buffers_.units.data;
    core_->score(data, units, tokens, textLength < 0 ? nullptr : data + units, static_cast<size_t>(std::max(textLength, 0)), result_);
    size_t ints = 0;
    for (const monitor::SentimentCue& cue : result_.cues) ints += 5 + cue.modifiers.size();
    if (ints > buffers_.ints.length || 3 + result_.cues.size() > buffers_.numbers.length) {
      return Napi::Number::New(info.Env(), -static_cast<double>(std::max(ints, 3 + result_.cues.size())));
    }
    double* numbers = buffers_.numbers.data;
    int32_t* out = buffers_.ints.data;
    numbers[0] = result_.score;
    numbers[1] = result_.raw;
    numbers[2] = result_.intensity;
    size_t at = 0;
    for (size_t i = 0; i < result_.cues.size(); i += 1) {
      const monitor::SentimentCue& cue = result_.cues[i];
      numbers[3 + i] = cue.contribution;
      out[at++] = static_cast<int32_t>(cue.kind);
      out[at++] = cue.word;
      out[at++] = cue.source;
      out[at++] = cue.length;
      out[at++] = static_cast<int32_t>(cue.modifiers.size());
      for (const int32_t m : cue.modifiers) out[at++] = m;
    }
    return Napi::Number::New(info.Env(), static_cast<double>(result_.cues.size()));
  }

  std::unique_ptr<monitor::SentimentCore> core_;
  Napi::FunctionReference normalize_;
  Buffers buffers_;
  monitor::SentimentScore result_;
};

// new DuplicateIndex({shingleSize, permutations, bands, rows, seed}, hashSeeds: Uint32Array)
class DuplicateIndexWrap : public Napi::ObjectWrap<DuplicateIndexWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "DuplicateIndex",
                       {InstanceMethod<&DuplicateIndexWrap::SetBuffers>("setBuffers"), InstanceMethod<&DuplicateIndexWrap::Lookup>("lookup"),
                        InstanceMethod<&DuplicateIndexWrap::Insert>("insert"), InstanceMethod<&DuplicateIndexWrap::Remove>("remove"),
                        InstanceMethod<&DuplicateIndexWrap::Bytes>("bytes")});
  }

  explicit DuplicateIndexWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<DuplicateIndexWrap>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsTypedArray()) throw Napi::TypeError::New(env, "DuplicateIndex(settings, hashSeeds)");
    const Napi::Object o = info[0].As<Napi::Object>();
    auto size = [&](const char* name) {
      const Napi::Value value = o.Get(name);
      if (!value.IsNumber() || value.As<Napi::Number>().Int64Value() < 1) throw Napi::RangeError::New(env, std::string(name) + " must be a positive integer");
      return static_cast<size_t>(value.As<Napi::Number>().Int64Value());
    };
    const Napi::Value seed = o.Get("seed");
    if (!seed.IsNumber()) throw Napi::TypeError::New(env, "seed must be a number");
    const Napi::TypedArray seeds = info[1].As<Napi::TypedArray>();
    if (seeds.TypedArrayType() != napi_uint32_array) throw Napi::TypeError::New(env, "hashSeeds must be a Uint32Array");
    const Napi::Uint32Array hashSeeds = info[1].As<Napi::Uint32Array>();
    monitor::MinHashSettings settings{size("shingleSize"), size("permutations"), size("bands"), size("rows"), seed.As<Napi::Number>().Uint32Value(),
                                      std::vector<uint32_t>(hashSeeds.Data(), hashSeeds.Data() + hashSeeds.ElementLength())};
    if (settings.hashSeeds.size() != settings.permutations || settings.bands * settings.rows > settings.permutations) {
      throw Napi::RangeError::New(env, "one hash seed per permutation, and bands × rows within them");
    }
    index_ = std::make_unique<monitor::DuplicateIndex>(std::move(settings));
  }

 private:
  Napi::Value SetBuffers(const Napi::CallbackInfo& info) {
    buffers_.set(info);
    return info.Env().Undefined();
  }

  // lookup(length, cutoff, threshold) → matches (−1: no shingle), their slots in ints and similarities in numbers;
  // −(2 + matches) when those are too short (the lookup is kept: call again after growing them).
  Napi::Value Lookup(const Napi::CallbackInfo& info) {
    const size_t length = static_cast<size_t>(std::max(0, info[0].As<Napi::Number>().Int32Value()));
    if (length > buffers_.units.length) throw Napi::RangeError::New(info.Env(), "lookup: past the units buffer");
    const int32_t count = index_->lookup(buffers_.units.data, length, info[1].As<Napi::Number>().DoubleValue(), info[2].As<Napi::Number>().DoubleValue(), matches_);
    if (matches_.size() > buffers_.ints.length || matches_.size() > buffers_.numbers.length) return Napi::Number::New(info.Env(), -2.0 - static_cast<double>(matches_.size()));
    for (size_t i = 0; i < matches_.size(); i += 1) {
      buffers_.ints.data[i] = matches_[i].first;
      buffers_.numbers.data[i] = matches_[i].second;
    }
    return Napi::Number::New(info.Env(), count);
  }

  Napi::Value Insert(const Napi::CallbackInfo& info) {
    const int32_t slot = info[0].As<Napi::Number>().Int32Value();
    if (slot < 0) throw Napi::RangeError::New(info.Env(), "insert: a slot is not negative");
    index_->insert(slot, info[1].As<Napi::Number>().DoubleValue());
    return info.Env().Undefined();
  }

  Napi::Value Remove(const Napi::CallbackInfo& info) {
    index_->remove(info[0].As<Napi::Number>().Int32Value());
    return info.Env().Undefined();
  }

  Napi::Value Bytes(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), static_cast<double>(index_->bytes())); }

  std::unique_ptr<monitor::DuplicateIndex> index_;
  std::vector<std::pair<int32_t, double>> matches_;
  Buffers buffers_;
};

template <typename A>
A typedArrayArg(const Napi::CallbackInfo& info, size_t i, const char* what, napi_typedarray_type type) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != type) {
    throw Napi::TypeError::New(info.Env(), std::string(what) + " is not a typed array of the right kind");
  }
  return info[i].As<A>();
}

size_t sizeArg(const Napi::CallbackInfo& info, size_t i) {
  const double value = info[i].As<Napi::Number>().DoubleValue();
  if (!(value >= 0 && value <= 4294967295.0) || value != std::floor(value)) throw Napi::RangeError::New(info.Env(), "sizes must be non-negative integers");
  return static_cast<size_t>(value);
}

// shingleHashes(units: Uint16Array, length, shingleSize, out: Uint32Array) → how many hashes went to out
Napi::Value ShingleHashes(const Napi::CallbackInfo& info) {
  const Napi::Uint16Array units = typedArrayArg<Napi::Uint16Array>(info, 0, "units", napi_uint16_array);
  const size_t length = sizeArg(info, 1);
  const size_t shingleSize = sizeArg(info, 2);
  Napi::Uint32Array out = typedArrayArg<Napi::Uint32Array>(info, 3, "out", napi_uint32_array);
  if (length > units.ElementLength() || out.ElementLength() < std::max<size_t>(length, 1) || shingleSize < 1) {
    throw Napi::RangeError::New(info.Env(), "shingleHashes: buffers too short or no shingle size");
  }
  std::vector<uint32_t> scratch;
  return Napi::Number::New(info.Env(), static_cast<double>(monitor::shingleHashes(reinterpret_cast<const char16_t*>(units.Data()), length, shingleSize, out.Data(), scratch)));
}

// minHashSignature(shingles: Uint32Array, hashSeeds: Uint32Array, seed, signature: Uint32Array); as many bins as seeds
Napi::Value MinHashSignature(const Napi::CallbackInfo& info) {
  const Napi::Uint32Array shingles = typedArrayArg<Napi::Uint32Array>(info, 0, "shingles", napi_uint32_array);
  const Napi::Uint32Array seeds = typedArrayArg<Napi::Uint32Array>(info, 1, "hashSeeds", napi_uint32_array);
  const uint32_t seed = info[2].As<Napi::Number>().Uint32Value();
  Napi::Uint32Array signature = typedArrayArg<Napi::Uint32Array>(info, 3, "signature", napi_uint32_array);
  if (signature.ElementLength() < seeds.ElementLength() || seeds.ElementLength() == 0) {
    throw Napi::RangeError::New(info.Env(), "minHashSignature: the signature is shorter than its seeds");
  }
  std::vector<uint8_t> filled;
  monitor::minHashSignature(shingles.Data(), shingles.ElementLength(), seeds.Data(), seed, seeds.ElementLength(), signature.Data(), filled);
  return info.Env().Undefined();
}

// jaccardAtLeast(a: Uint32Array, b: Uint32Array, min) → Jaccard, or −1 once it cannot reach min
Napi::Value JaccardAtLeast(const Napi::CallbackInfo& info) {
  const Napi::Uint32Array a = typedArrayArg<Napi::Uint32Array>(info, 0, "a", napi_uint32_array);
  const Napi::Uint32Array b = typedArrayArg<Napi::Uint32Array>(info, 1, "b", napi_uint32_array);
  const double min = info[2].As<Napi::Number>().DoubleValue();
  return Napi::Number::New(info.Env(), monitor::jaccardAtLeast(a.Data(), a.ElementLength(), b.Data(), b.ElementLength(), min));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("ClusterCore", ClusterCore::Define(env));
  exports.Set("SentimentCore", SentimentCoreWrap::Define(env));
  exports.Set("DuplicateIndex", DuplicateIndexWrap::Define(env));
  exports.Set("shingleHashes", Napi::Function::New<ShingleHashes>(env, "shingleHashes"));
  exports.Set("minHashSignature", Napi::Function::New<MinHashSignature>(env, "minHashSignature"));
  exports.Set("jaccardAtLeast", Napi::Function::New<JaccardAtLeast>(env, "jaccardAtLeast"));
  return exports;
}

}  // namespace

NODE_API_MODULE(monitor_core, Init)
