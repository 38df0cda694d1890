// Notifications: an outbox of messages to members that any capability fills (shift reminders and empty-slot
// alerts today; assemblies next), each member's reminder preferences, and each hub's mail server. Messages are
// queued in the same transaction as whatever causes them, read by the member in the app, and sent by email by
// Deliver() when the hub has a mail server and the member an email address.
#ifndef KIN_APP_NOTIFICATIONS_H_
#define KIN_APP_NOTIFICATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "core/notification.h"

namespace kin {

// Sends one email. The SMTP implementation lives in src/cli (it does network I/O); tests read the outbox.
class MessageSender {
 public:
  virtual ~MessageSender() = default;
  virtual Status Send(const SmtpSettings& server, const std::string& to, const std::string& subject,
                      const std::string& body) = 0;
};

// A hub's mail server as the API shows it: the password never leaves src/app, only whether one is set.
struct SmtpView {
  SmtpSettings settings;  // password always empty
  bool password_set = false;
};

class Notifications {
 public:
  explicit Notifications(AppContext& ctx) : ctx_(ctx) {}

  // Queues `message` inside the caller's write (it fills in the id, and subject and body from kind and params in
  // the member's language). A message whose dedupe_key was queued before is skipped, and that is not an error:
  // sweeps may run again. Sets *queued when it was new.
  static Status Queue(WriteTx& tx, OutboxMessage message, bool* queued = nullptr);

  // The caller's messages, newest first, in the language they read now.
  Result<Page<OutboxMessage>> Mine(const Caller& caller, const PageRequest& page);

  // The caller's reminder offsets (the defaults, 24 hours and 2 hours, until they set their own).
  Result<std::vector<Minutes>> ReminderOffsets(const Caller& caller);
  Result<std::vector<Minutes>> SetReminderOffsets(const Caller& caller, std::vector<Minutes> offsets);

  // A hub's mail server: members may see whether one is set (the username only if they are coordinators);
  // coordinators set or remove it. With
  // `keep_password`, settings that give no password keep the stored one while they keep a username, so changing
  // the host does not mean typing the password again.
  Result<std::optional<SmtpView>> Smtp(const Caller& caller, const std::string& hub_slug);
  Result<std::optional<SmtpView>> SetSmtp(const Caller& caller, const std::string& hub_slug,
                                          const std::optional<SmtpSettings>& settings, bool keep_password = false);

  // Sends up to `limit` unsent messages whose hub has a mail server and whose member has an email address;
  // renders each in its member's language; records each success or failure (failures are retried on later calls, up to 5 attempts). Returns how many
  // were sent.
  Result<int> Deliver(MessageSender& sender, int limit = 100);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_NOTIFICATIONS_H_
