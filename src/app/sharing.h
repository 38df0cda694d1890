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
  Sharing(AppContext& ctx, Federation& federation) : ctx_(ctx), federation_(federation) {}

  // kind: "offer" or "need". Coordinators of the item's hub only.
  Result<ShareResult> Share(const Caller& caller, const std::string& kind, const std::string& id);
  Status Unshare(const Caller& caller, const std::string& kind, const std::string& id);

 private:
  AppContext& ctx_;
  Federation& federation_;
};

}  // namespace kin

#endif  // KIN_APP_SHARING_H_
