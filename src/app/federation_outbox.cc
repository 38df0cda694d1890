#include "app/federation_outbox.h"

#include <utility>
#include <vector>

namespace kin {

Result<OutboxPage> ReadOutboxPage(Store& store, const std::string& slug, const std::string& collection_id,
                                  int number) {
  if (number < 1 || number > kMaxOutboxPage) {
    return Status::InvalidField("page", "must be a whole number from 1 to " + std::to_string(kMaxOutboxPage));
  }
  OutboxPage out;
  out.page.collection_id = collection_id;
  out.page.number = number;
  Status s = store.Read([&](ReadTx& tx) {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    out.total = tx.CountPublicOutbox(hub->id);
    // One more than the page needs tells whether an older page exists.
    std::vector<OutboxActivity> newest = tx.ListPublicOutbox(hub->id, number * kOutboxPageSize + 1);
    size_t from = static_cast<size_t>(number - 1) * kOutboxPageSize;
    for (size_t i = from; i < newest.size() && i < from + kOutboxPageSize; ++i) {
      out.page.items_json.push_back(std::move(newest[i].body));
    }
    out.page.has_next = newest.size() > from + kOutboxPageSize;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace kin
