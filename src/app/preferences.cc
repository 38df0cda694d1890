#include "app/preferences.h"

namespace kin {

Result<NotifyChoices> Preferences::Notifications(const Caller& caller) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see your choices");
  return ReadValue<NotifyChoices>(ctx_.store, [&](ReadTx& tx) -> Result<NotifyChoices> {
    return tx.GetNotifyChoices(*caller.member);
  });
}

Status Preferences::SetNotifications(const Caller& caller, const NotifyChoices& choices) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to change your choices");
  Timestamp now = ctx_.clock.Now();
  return ctx_.store.Write([&](WriteTx& tx) { return tx.PutNotifyChoices(*caller.member, choices, now); });
}

}  // namespace kin
