// Internal to src/app: turning stored messages into text in each member's language (core/notification_text.h),
// and the hub-local times their parameters carry.
#ifndef KIN_APP_MESSAGE_RENDER_H_
#define KIN_APP_MESSAGE_RENDER_H_

#include <map>
#include <string>
#include <vector>

#include "core/hub.h"
#include "core/notification.h"
#include "store/store.h"

namespace kin {

// Renders messages read in one transaction, remembering each member's and hub's languages as it goes.
class MessageRenderer {
 public:
  explicit MessageRenderer(ReadTx& tx) : tx_(tx) {}
  // `current_names` false: a fellow member named by "who_member" is left unnamed, as for the text stored with a
  // message, which is only a fallback (reading and sending render again), so no name is kept at rest.
  MessageRenderer(ReadTx& tx, bool current_names) : tx_(tx), current_names_(current_names) {}

  // Sets subject and body from kind and params in the language its member reads; a message without params, or
  // of a kind without texts, keeps its stored text.
  void Render(OutboxMessage& m);
  // The member's language when their languages are already at hand.
  void Render(OutboxMessage& m, const std::vector<std::string>& member_languages);

 private:
  const std::vector<std::string>& HubLanguages(const HubId& hub);
  MessageParams WithCurrentName(MessageParams params, const MemberId& who, const HubId& hub);

  ReadTx& tx_;
  bool current_names_ = true;
  std::map<MemberId, std::vector<std::string>> members_;
  std::map<HubId, std::vector<std::string>> hubs_;
};

// `t` on the hub's wall clock, as "YYYYMMDDTHHMMSS" for a message parameter; the zone goes in "zone".
Result<std::string> HubLocalTime(const Hub& hub, Timestamp t);

}  // namespace kin

#endif  // KIN_APP_MESSAGE_RENDER_H_
