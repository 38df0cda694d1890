// Intake's desk: finding needs already asked for (so a phone call does not become a second request) and merging
// two needs that are the same request, keeping one and closing the other as its duplicate. Entering a need on
// someone's behalf is Needs::Create with on_behalf.
#ifndef KIN_APP_INTAKE_H_
#define KIN_APP_INTAKE_H_

#include <optional>
#include <string>

#include "app/caller.h"
#include "app/context.h"
#include "app/needs.h"
#include "core/need.h"

namespace kin {

struct NeedSearch {
  std::string text;                   // words that must all occur (core/need_search.h); empty: any
  std::optional<std::string> category;
  std::optional<NeedStatus> status;
};

class Intake {
 public:
  explicit Intake(AppContext& ctx) : ctx_(ctx) {}

  // Intake and coordinators of the hub. Newest first, at most `limit` (1..200) results from the hub's latest
  // kScanLimit needs; without contact details, like every list.
  static constexpr int kScanLimit = 2000;
  Result<std::vector<Need>> Search(const Caller& caller, const std::string& hub_slug, const NeedSearch& search,
                                   int limit);

  // Closes `duplicate` as a duplicate of `kept` (both in one hub where the caller has intake): its active task is
  // cancelled, it becomes cancelled, and "need.merged" is recorded with the kept need's id. `duplicate` must be
  // one that can still be cancelled; `kept` must not be cancelled, expired or itself merged. Returns the closed
  // duplicate.
  Result<NeedView> Merge(const Caller& caller, const NeedId& duplicate, const NeedId& kept);

  // The need a merged need was kept as, for anyone who may see the need; nullopt when it was not merged.
  Result<std::optional<NeedId>> DuplicateOf(const Caller& caller, const NeedId& need);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_INTAKE_H_
