// A member's own choices about kin: what they want to be told about. Stored now so that notifications added later
// start from what each person already chose.
#ifndef KIN_APP_PREFERENCES_H_
#define KIN_APP_PREFERENCES_H_

#include "app/caller.h"
#include "app/context.h"
#include "core/preferences.h"

namespace kin {

class Preferences {
 public:
  explicit Preferences(AppContext& ctx) : ctx_(ctx) {}

  // The signed-in caller's choices; nothing chosen until they save some.
  Result<NotifyChoices> Notifications(const Caller& caller);
  Status SetNotifications(const Caller& caller, const NotifyChoices& choices);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_PREFERENCES_H_
