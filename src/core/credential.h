// Sessions, API tokens and invitations. Only hashes of their secret tokens are ever stored.
#ifndef KIN_CORE_CREDENTIAL_H_
#define KIN_CORE_CREDENTIAL_H_

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/member.h"
#include "core/time.h"

namespace kin {

enum class SessionKind { kSession, kApiToken };

struct Session {
  std::string token_hash;  // primary key
  MemberId member;
  SessionKind kind = SessionKind::kSession;
  std::string label;       // for API tokens: what the person named it
  Timestamp created_at{};
  Timestamp expires_at{};
  bool revoked = false;

  bool ValidAt(Timestamp now) const { return !revoked && now < expires_at; }
};

enum class InviteKind { kJoinHub, kResetPassword };

// A one-time (or few-times) link: to join a hub with a role, or to set a member's password.
struct Invite {
  InviteId id;
  std::string token_hash;
  InviteKind kind = InviteKind::kJoinHub;
  HubId hub;                        // kJoinHub
  Role role = Role::kMember;        // kJoinHub: the role granted on joining
  std::optional<MemberId> member;   // kResetPassword: whose password
  std::string created_by;           // member id, or "admin" from the command line
  Timestamp created_at{};
  Timestamp expires_at{};
  int uses_left = 1;

  bool UsableAt(Timestamp now) const { return uses_left > 0 && now < expires_at; }
};

}  // namespace kin

#endif  // KIN_CORE_CREDENTIAL_H_
