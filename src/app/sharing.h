// Issue 10: a hub's coordinators share chosen offers and needs with the servers following the hub. Sharing
// publishes, in the same transaction, a Create of the FEP-0837 Proposal and a Create of its Note summary;
// unsharing publishes a Delete of each. Only what federation::SharedItem carries ever leaves the server.
//
// Sharing an item that is already shared changes nothing and returns the same record (idempotent: a double
// click or a retried request does not publish twice). Items of another hub are kNotFound, as are unknown ids.
#ifndef KIN_APP_SHARING_H_
#define KIN_APP_SHARING_H_

#include <string>

#include "app/caller.h"
#include "app/context.h"
#include "app/federation.h"
#include "core/federation.h"

namespace kin {

struct ShareResult {
  SharedRecord record;
  bool created = false;  // false when the item was already shared (nothing was published)
};

class Sharing {
 public:
  // Installs ctx.shared_item_changed: when a shared offer or need changes, its followers get an Update of the
  // Proposal and Note; when it can no longer be shared (paused, closed, met, cancelled, expired, redacted) they
  // get a Delete of each and the item stops being shared. Both in the transaction of the change.
  Sharing(AppContext& ctx, Federation& federation);

  // kind: "offer" or "need". Coordinators of the item's hub only.
  Result<ShareResult> Share(const Caller& caller, const std::string& kind, const std::string& id);
  Status Unshare(const Caller& caller, const std::string& kind, const std::string& id);
  // What the hub at `slug` shares, newest first (at most 1000). Coordinators of the hub only.
  Result<std::vector<SharedRecord>> SharedBy(const Caller& caller, const std::string& slug);
  // The Proposal (or, with `note`, its Note) of an item the hub at `slug` shares now, as JSON-LD, so its id can
  // be dereferenced by anyone (it is public). `kind_path`: "offers" or "needs". kNotFound when the item is not
  // shared by that hub (never, or no longer).
  Result<std::string> PublicObject(const std::string& slug, const std::string& kind_path, const std::string& id,
                                   bool note);

 private:
  Status ItemChanged(WriteTx& tx, const std::string& kind, const std::string& id, Timestamp now);

  AppContext& ctx_;
  Federation& federation_;
};

}  // namespace kin

#endif  // KIN_APP_SHARING_H_
