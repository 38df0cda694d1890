// The application: every operation kin offers, over a Store and a Clock. HTTP handlers, web pages and the
// command line call these; none of them holds domain rules of its own.
#ifndef KIN_APP_APP_H_
#define KIN_APP_APP_H_

#include "app/accounts.h"
#include "app/assembly.h"
#include "app/context.h"
#include "app/escalations.h"
#include "app/federated_sharing.h"
#include "app/councils.h"
#include "app/federation.h"
#include "app/hubs.h"
#include "app/intake.h"
#include "app/matches.h"
#include "app/needs.h"
#include "app/notifications.h"
#include "app/offers.h"
#include "app/personal_data.h"
#include "app/preferences.h"
#include "app/resources.h"
#include "app/sharing.h"
#include "app/shifts.h"
#include "app/suggestions.h"
#include "app/two_factor.h"

namespace kin {

class App {
 public:
  App(Store& store, const Clock& clock, AppOptions options = {})
      : ctx_{store, clock, options, {}},
        accounts(ctx_),
        hubs(ctx_),
        needs(ctx_),
        offers(ctx_),
        matches(ctx_),
        personal_data(ctx_),
        suggestions(ctx_),
        shifts(ctx_),
        assembly(ctx_),
        resources(ctx_),
        intake(ctx_),
        two_factor(ctx_),
        preferences(ctx_),
        notifications(ctx_),
        federation(ctx_),
        sharing(ctx_, federation),
        escalations(ctx_, federation),
        federated_sharing(ctx_, federation),
        councils(ctx_, federation) {}

  Store& store() { return ctx_.store; }
  const Clock& clock() const { return ctx_.clock; }

 private:
  AppContext ctx_;

 public:
  Accounts accounts;
  Hubs hubs;
  Needs needs;
  Offers offers;
  Matches matches;
  PersonalData personal_data;
  Suggestions suggestions;
  Shifts shifts;
  Assembly assembly;
  Resources resources;  // issue 7: stock, library of things, capacity
  Intake intake;
  TwoFactor two_factor;
  Preferences preferences;
  Notifications notifications;
  Federation federation;  // issue 10: actors, inboxes, following between hubs, the delivery queue
  Sharing sharing;        // issue 10: the offers and needs a hub shares with its followers
  Escalations escalations;  // issue 10: unmet needs offered to other hubs, the contact hand-over
  FederatedSharing federated_sharing;  // issue 10: what followed hubs share with ours, and the directory
  Councils councils;      // issue 8 over issue 10: councils of hubs and their delegates' votes
};

}  // namespace kin

#endif  // KIN_APP_APP_H_
