// Messages kin sends to members (shift reminders, "this shift still has empty slots", and whatever other
// capabilities need), kept in an outbox: written in the same transaction as the change that causes them, read by
// the member in the app and, when the hub configured a mail server, sent by email.
#ifndef KIN_CORE_NOTIFICATION_H_
#define KIN_CORE_NOTIFICATION_H_

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/notification_text.h"
#include "core/shift.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

using MessageId = Id<struct MessageTag>;

struct OutboxMessage {
  MessageId id;
  HubId hub;
  MemberId member;             // to whom
  std::string channel = "email";
  std::string kind;            // "shift.reminder", "shift.empty_slots", ... (see core/notification_text.h)
  MessageParams params;        // what the kind's texts fill in; empty for messages stored as text only
  std::string subject;         // rendered in the member's language when queued, and again when read or sent
  std::string body;
  std::string dedupe_key;      // one message per key, ever: a sweep that runs twice queues nothing twice
  Timestamp created_at{};
  std::optional<Timestamp> sent_at;
  int attempts = 0;
  std::string last_error;      // why the last send failed, for the operator
};

// A hub's mail server for notifications. Without one, messages stay readable in the app only.
struct SmtpSettings {
  std::string host;  // e.g. smtp.example.org
  int port = 587;    // 1..65535; 465 means implicit TLS, others STARTTLS when offered
  std::string from;  // the sender address, e.g. shifts@example.org
  std::string username;  // sign-in to the server; empty: none
  std::string password;  // with a username, required; sealed at rest, never shown back, sent only over TLS
  bool operator==(const SmtpSettings&) const = default;
};

Status ValidateSmtpSettings(const SmtpSettings& s);

// How long before each of their shifts a person wants a reminder. Default 24 hours and 2 hours.
inline const std::vector<Minutes> kDefaultReminderOffsets = {Minutes(24 * 60), Minutes(120)};
// 0..5 offsets, each from 5 minutes to 14 days, no repeats.
Status ValidateReminderOffsets(const std::vector<Minutes>& offsets);

}  // namespace kin

#endif  // KIN_CORE_NOTIFICATION_H_
