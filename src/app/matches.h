// Matches: a helper claims a need with one of their offers, or a coordinator pairs them and the helper answers;
// then the work is started, completed, or released back to open with a reason.
#ifndef KIN_APP_MATCHES_H_
#define KIN_APP_MATCHES_H_

#include <string>

#include "app/caller.h"
#include "app/context.h"
#include "core/match.h"

namespace kin {

enum class MatchAction { kAccept, kDecline, kStart, kComplete, kRelease };

// Claims (origin kClaim: the caller's own offer) or pairs (kCoordinator: the caller coordinates the hub) inside
// the caller's write, with every check Matches::Claim and Matches::Pair make; for operations that create matches
// as part of something larger (confirming suggestions). `ctx` is told the need changed (a shared need is withdrawn).
Result<Match> CreateMatch(const AppContext& ctx, WriteTx& tx, const Caller& caller, const NeedId& need,
                          const OfferId& offer, const std::string& note, MatchOrigin origin, Timestamp now);

class Matches {
 public:
  explicit Matches(AppContext& ctx) : ctx_(ctx) {}

  // The caller's own active offer in the need's category; the need must be open. When two helpers claim the
  // same need at once, exactly one wins and the other gets kConflict.
  Result<Match> Claim(const Caller& caller, const NeedId& need, const OfferId& offer, const std::string& note);
  // A coordinator proposes a pairing; the need is held (matched) until the helper accepts or declines.
  Result<Match> Pair(const Caller& caller, const NeedId& need, const OfferId& offer, const std::string& note);

  // Accept and decline: the helper. Start, complete, release: the helper or a coordinator. Decline and release
  // need a reason.
  Result<Match> Act(const Caller& caller, const MatchId& id, MatchAction action, const std::string& reason);

  Result<Match> Get(const Caller& caller, const MatchId& id);
  Result<Page<Match>> List(const Caller& caller, const std::string& hub_slug, const MatchFilter& filter,
                           const PageRequest& page);

 private:
  Result<Match> Create(const Caller& caller, const NeedId& need_id, const OfferId& offer_id, const std::string& note,
                       MatchOrigin origin);

  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_MATCHES_H_
