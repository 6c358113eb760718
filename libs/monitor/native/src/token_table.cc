#include "token_table.h"

namespace monitor {

int64_t termKeyOf(const char16_t* units, size_t length) {
  if (length == 0) return -1;
  return static_cast<int64_t>(units[0]) * 65537 + (length > 1 ? static_cast<int64_t>(units[1]) + 1 : 0);
}

TokenTable::TokenTable() : slots_(1 << 12, Slot{0, 0, -1}), mask_((1 << 12) - 1) {}

uint64_t TokenTable::pack(const char16_t* units, size_t length) {
  uint64_t packed = 0;
  for (size_t i = 0; i < length && i < 4; i += 1) packed |= static_cast<uint64_t>(units[i]) << (16 * i);
  return packed;
}

uint32_t TokenTable::hashOf(const char16_t* units, size_t length) {
  uint32_t h = 0x811c9dc5u ^ static_cast<uint32_t>(length);
  for (size_t i = 0; i < length; i += 1) h = (h ^ units[i]) * 0x01000193u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  return h;
}

int32_t TokenTable::find(const char16_t* units, size_t length, uint32_t hash) const {
  const uint64_t packed = pack(units, length);
  for (uint32_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    const Slot& s = slots_[slot];
    if (s.id == -1) return -1;
    if (s.packed == packed && s.length == length && (length <= 4 || tokens_[s.id].text.compare(4, length - 4, units + 4, length - 4) == 0)) {
      return s.id;
    }
  }
}

int32_t TokenTable::insert(const char16_t* units, size_t length, uint32_t hash, double idf) {
  int32_t id;
  if (free_.empty()) {
    id = static_cast<int32_t>(tokens_.size());
    tokens_.emplace_back();
    counts_.emplace_back();
  } else {
    id = free_.back();
    free_.pop_back();
  }
  Token& token = tokens_[id];
  token = Token();
  token.text.assign(units, length);
  token.key = termKeyOf(units, length);
  token.live = true;
  counts_[id] = TokenCount{idf, 0, 0};
  live_ += 1;
  // At most half full, so that a probe ends after a slot or two.
  if (live_ * 2 > mask_ + 1) grow();
  else place(id, hash);
  return id;
}

void TokenTable::place(int32_t id, uint32_t hash) {
  uint32_t slot = hash & mask_;
  while (slots_[slot].id != -1) slot = (slot + 1) & mask_;
  const std::u16string& text = tokens_[id].text;
  slots_[slot] = Slot{pack(text.data(), text.size()), static_cast<uint32_t>(text.size()), id};
}

void TokenTable::grow() {
  mask_ = mask_ * 2 + 1;
  slots_.assign(static_cast<size_t>(mask_) + 1, Slot{0, 0, -1});
  for (size_t id = 0; id < tokens_.size(); id += 1) {
    if (tokens_[id].live) place(static_cast<int32_t>(id), hashOf(tokens_[id].text.data(), tokens_[id].text.size()));
  }
}

void TokenTable::sweep() {
  std::fill(slots_.begin(), slots_.end(), Slot{0, 0, -1});
  for (size_t id = 0; id < tokens_.size(); id += 1) {
    Token& token = tokens_[id];
    if (!token.live) continue;
    if (token.refs > 0) {
      place(static_cast<int32_t>(id), hashOf(token.text.data(), token.text.size()));
      continue;
    }
    token = Token();
    counts_[id] = TokenCount();
    free_.push_back(static_cast<int32_t>(id));
    live_ -= 1;
  }
}

size_t TokenTable::bytes() const {
  size_t total = tokens_.capacity() * sizeof(Token) + counts_.capacity() * sizeof(TokenCount) + free_.capacity() * sizeof(int32_t) + slots_.capacity() * sizeof(Slot);
  // libstdc++ keeps up to 7 code units inside the string itself.
  for (const Token& token : tokens_) if (token.text.capacity() > 7) total += (token.text.capacity() + 1) * sizeof(char16_t);
  return total;
}

}  // namespace monitor
