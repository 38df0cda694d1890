// Recently encoded list responses, valid while the database has not changed. Members' phones poll the same few
// lists; a list costs about fifty rows and encodings, an answer from here a copy. Thread-safe.
#ifndef KIN_HTTP_LIST_CACHE_H_
#define KIN_HTTP_LIST_CACHE_H_

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace kin::http {

class ListCache {
 public:
  explicit ListCache(size_t capacity = 256) : capacity_(capacity) {}

  // The body stored under `key` if it was stored at `data_version` (Store::DataVersion()).
  std::optional<std::string> Get(const std::string& key, uint64_t data_version);

  // Stores a body computed from reads that began at `data_version`; evicts the least recently used.
  void Put(const std::string& key, uint64_t data_version, std::string body);

 private:
  struct Entry {
    uint64_t data_version;
    std::string body;
    std::list<std::string>::iterator lru;
  };

  const size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
  std::list<std::string> lru_;                      // guarded by mu_; most recent first
};

}  // namespace kin::http

#endif  // KIN_HTTP_LIST_CACHE_H_
