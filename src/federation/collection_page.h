// Paged OrderedCollections, the way Mastodon serves an actor's outbox: the collection states `totalItems` and
// links `first` and `last`; each OrderedCollectionPage (`<collection>?page=N`, newest first) is `partOf` it and
// links `next` (older) and `prev` (newer). kin embeds the first page in the collection, so a reader that does not
// page (or an older kin) still sees the newest activities in one fetch.
#ifndef KIN_FEDERATION_COLLECTION_PAGE_H_
#define KIN_FEDERATION_COLLECTION_PAGE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace kin::federation {

struct CollectionPage {
  std::string collection_id;            // the collection's URL, without a query
  int number = 1;                       // 1 is the newest
  bool has_next = false;                // whether an older page exists
  std::vector<std::string> items_json;  // the page's activities as JSON text; unparsable ones are left out
};

// "<collection_id>?page=<number>".
std::string PageUrl(const std::string& collection_id, int number);
std::string OrderedCollectionPageJson(const CollectionPage& page);
// The collection with `first` embedded (`first.number` must be 1) and `last` linking the oldest page of
// `page_size` items.
std::string PagedOrderedCollectionJson(int64_t total_items, int page_size, const CollectionPage& first);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_COLLECTION_PAGE_H_
