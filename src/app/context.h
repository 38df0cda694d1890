// What every application service shares: the store, the clock and the options.
#ifndef KIN_APP_CONTEXT_H_
#define KIN_APP_CONTEXT_H_

#include <functional>
#include <string>

#include "app/clock.h"
#include "core/event.h"
#include "crypto/password.h"
#include "store/store.h"

namespace kin {

struct AppOptions {
  PasswordCost password_cost;                        // Argon2id cost of new password hashes
  Seconds session_ttl = Seconds(30 * 24 * 3600);     // a sign-in lasts 30 days
  Seconds api_token_ttl = Seconds(365 * 24 * 3600);  // default lifetime of an API token
  Seconds invite_ttl = Seconds(7 * 24 * 3600);       // invitations and reset links last a week
  // How people reach this server (kin serve --public-url), so an emailed message can link to a page; empty: the
  // messages name the page's path only.
  std::string public_url;
};

struct AppContext {
  Store& store;
  const Clock& clock;
  AppOptions options;
  // Federation (issue 10): told, inside the write, that an offer or need changed (kind "offer" or "need"), so a
  // shared item is published again (Update) or withdrawn (Delete) in the same transaction. Set by Sharing.
  std::function<Status(WriteTx& tx, const std::string& kind, const std::string& id, Timestamp now)>
      shared_item_changed;
};

// Calls ctx.shared_item_changed when set; Ok otherwise. After every UpdateOffer and UpdateNeed.
Status SharedItemChanged(const AppContext& ctx, WriteTx& tx, const std::string& kind, const std::string& id,
                         Timestamp now);

// Appends one event to the hub's log inside the caller's write.
Status RecordEvent(WriteTx& tx, const HubId& hub, Timestamp at, std::string actor, std::string type,
                   std::string subject, std::string detail = "");

}  // namespace kin

#endif  // KIN_APP_CONTEXT_H_
