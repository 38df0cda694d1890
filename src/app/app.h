// The application: every operation kin offers, over a Store and a Clock. HTTP handlers, web pages and the
// command line call these; none of them holds domain rules of its own.
#ifndef KIN_APP_APP_H_
#define KIN_APP_APP_H_

#include "app/accounts.h"
#include "app/context.h"
#include "app/hubs.h"
#include "app/matches.h"
#include "app/needs.h"
#include "app/notifications.h"
#include "app/offers.h"
#include "app/personal_data.h"
#include "app/shifts.h"

namespace kin {

class App {
 public:
  App(Store& store, const Clock& clock, AppOptions options = {})
      : ctx_{store, clock, options}, accounts(ctx_), hubs(ctx_), needs(ctx_), offers(ctx_), matches(ctx_), personal_data(ctx_), shifts(ctx_), notifications(ctx_) {}

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
  Shifts shifts;
  Notifications notifications;
};

}  // namespace kin

#endif  // KIN_APP_APP_H_
