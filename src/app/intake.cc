#include "app/intake.h"

#include "app/access.h"
#include "core/need_search.h"

namespace kin {

Result<std::vector<Need>> Intake::Search(const Caller& caller, const std::string& hub_slug, const NeedSearch& search,
                                         int limit) {
  if (limit < 1 || limit > 200) return Status::InvalidField("limit", "must be between 1 and 200");
  std::vector<std::string> words = SearchWords(search.text);
  return ReadValue<std::vector<Need>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<Need>> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kIntake);
    if (!access.ok()) return access.status();
    NeedFilter filter;
    filter.category = search.category;
    filter.status = search.status;
    std::vector<Need> found;
    PageRequest page{"", 200};
    for (int scanned = 0; scanned < kScanLimit && static_cast<int>(found.size()) < limit;) {
      Page<Need> batch = tx.ListNeeds(access->hub.id, filter, page);
      for (Need& n : batch.items) {
        if (static_cast<int>(found.size()) == limit) break;
        if (!NeedMatches(n, words)) continue;
        RedactContact(n);
        found.push_back(std::move(n));
      }
      scanned += static_cast<int>(batch.items.size());
      if (batch.next.empty()) break;
      page.after = batch.next;
    }
    return found;
  });
}

Result<NeedView> Intake::Merge(const Caller& caller, const NeedId& duplicate, const NeedId& kept) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to merge needs");
  if (duplicate == kept) return Status::InvalidField("into", "must be another need than the duplicate");
  Timestamp now = ctx_.clock.Now();
  return WriteValue<NeedView>(ctx_.store, [&](WriteTx& tx) -> Result<NeedView> {
    Result<Need> dup = tx.GetNeed(duplicate);
    if (!dup.ok() || !tx.GetMembership(dup->hub, *caller.member)) return Status::NotFound("need not found");
    Result<Membership> m = RequireRole(tx, caller, dup->hub, Role::kIntake);
    if (!m.ok()) return m.status();
    Result<Need> keep = tx.GetNeed(kept);
    if (!keep.ok() || keep->hub != dup->hub) {
      return Status::InvalidField("into", "must be a need in the same hub");
    }
    if (keep->status == NeedStatus::kCancelled || keep->status == NeedStatus::kExpired) {
      return Status::InvalidField("into", std::string("is ") + NeedStatusName(keep->status) +
                                              "; keep a need that is still wanted");
    }
    if (tx.GetDuplicateOf(keep->id)) return Status::InvalidField("into", "was itself merged into another need");
    Status s = CheckNeedTransition(dup->status, NeedStatus::kCancelled);
    if (!s.ok()) return s;
    if (std::optional<Match> active = tx.GetActiveMatchForNeed(dup->id)) {
      active->status = MatchStatus::kCancelled;
      active->reason = "the need was merged into another";
      active->updated_at = now;
      s = tx.UpdateMatch(*active);
      if (s.ok()) s = RecordEvent(tx, dup->hub, now, caller.actor(), "match.cancelled", active->id.value);
      if (!s.ok()) return s;
    }
    dup->status = NeedStatus::kCancelled;
    dup->updated_at = now;
    s = tx.UpdateNeed(*dup);
    if (s.ok()) s = SharedItemChanged(ctx_, tx, "need", dup->id.value, now);
    if (s.ok()) s = tx.InsertDuplicate(dup->id, keep->id, caller.actor(), now);
    if (s.ok()) s = RecordEvent(tx, dup->hub, now, caller.actor(), "need.merged", dup->id.value, "into " + keep->id.value);
    if (!s.ok()) return s;
    NeedView view;
    view.need = std::move(*dup);
    view.contact_visible = true;  // intake may see it; the caller is intake
    return view;
  });
}

Result<std::optional<NeedId>> Intake::DuplicateOf(const Caller& caller, const NeedId& need) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see needs");
  return ReadValue<std::optional<NeedId>>(ctx_.store, [&](ReadTx& tx) -> Result<std::optional<NeedId>> {
    Result<Need> n = tx.GetNeed(need);
    if (!n.ok() || !tx.GetMembership(n->hub, *caller.member)) return Status::NotFound("need not found");
    return tx.GetDuplicateOf(need);
  });
}

}  // namespace kin
