// A hub's public outbox a page at a time (docs/federation.md, "Documents"): 20 activities a page, newest first,
// paged by number as Mastodon pages its outboxes, so every activity a hub published stays reachable.
#ifndef KIN_APP_FEDERATION_OUTBOX_H_
#define KIN_APP_FEDERATION_OUTBOX_H_

#include <cstdint>
#include <string>

#include "core/status.h"
#include "federation/collection_page.h"
#include "store/store.h"

namespace kin {

inline constexpr int kOutboxPageSize = 20;
inline constexpr int kMaxOutboxPage = 500;  // pages are read by offset: deeper pages would cost too much

struct OutboxPage {
  int64_t total = 0;  // every public activity of the hub
  federation::CollectionPage page;
};

// Page `number` (1 is the newest) of the public outbox of the hub at `slug`, whose collection URL is
// `collection_id`. kNotFound for an unknown hub; kInvalid naming "page" outside 1..kMaxOutboxPage. A page past the
// last is empty.
Result<OutboxPage> ReadOutboxPage(Store& store, const std::string& slug, const std::string& collection_id, int number);

}  // namespace kin

#endif  // KIN_APP_FEDERATION_OUTBOX_H_
