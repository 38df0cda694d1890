#include "http/list_cache.h"

namespace kin::http {

std::optional<std::string> ListCache::Get(const std::string& key, uint64_t data_version) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.data_version != data_version || data_version == 0) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.body;
}

void ListCache::Put(const std::string& key, uint64_t data_version, std::string body) {
  if (capacity_ == 0 || data_version == 0) return;
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    it->second.data_version = data_version;
    it->second.body = std::move(body);
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return;
  }
  if (entries_.size() >= capacity_) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
  lru_.push_front(key);
  entries_.emplace(key, Entry{data_version, std::move(body), lru_.begin()});
}

}  // namespace kin::http
