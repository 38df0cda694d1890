// Accounts: signing in and out, API tokens, joining a hub by invitation, setting a password from a reset link,
// and a member's own profile.
#ifndef KIN_APP_ACCOUNTS_H_
#define KIN_APP_ACCOUNTS_H_

#include <optional>
#include <string>

#include "app/caller.h"
#include "app/context.h"
#include "core/credential.h"
#include "core/member.h"

namespace kin {

struct SessionGrant {
  std::string token;  // shown once; only its hash is stored
  Session session;
  Member member;
};

struct JoinRequest {
  std::string invite_token;
  // For a new account (ignored when the caller is signed in):
  std::string handle;
  std::string display_name;
  std::string password;
  std::vector<std::string> languages;
};

struct JoinResult {
  Membership membership;
  std::optional<SessionGrant> session;  // set when a new account was created
};

struct ProfileUpdate {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> languages;
  std::optional<Contact> contact;
};

struct Profile {
  Member member;  // with contact; password_hash cleared
  std::vector<Membership> memberships;
};

class Accounts {
 public:
  explicit Accounts(AppContext& ctx) : ctx_(ctx) {}

  // Fails with kUnauthenticated "the handle, password or code is wrong" for an unknown handle too, after the same
  // amount of work, so it does not tell whether an account exists. A member with two-step sign-in on must also
  // give a current, unused `code` (app/two_factor.h); a wrong or missing code gets the same answer.
  Result<SessionGrant> SignIn(const std::string& handle, const std::string& password, const std::string& code = "");
  Status SignOut(const std::string& token);
  Result<SessionGrant> CreateApiToken(const Caller& caller, const std::string& label, int days);

  // The caller a bearer token stands for; kUnauthenticated if unknown, expired or revoked.
  Result<Caller> Authenticate(const std::string& token);

  Result<JoinResult> Join(const Caller& caller, const JoinRequest& request);

  // Sets the password of the member named by a reset link and revokes their other sessions.
  Result<SessionGrant> ResetPassword(const std::string& reset_token, const std::string& new_password);

  Result<Profile> GetProfile(const Caller& caller);
  Result<Profile> UpdateProfile(const Caller& caller, const ProfileUpdate& update);

 private:
  Result<SessionGrant> NewSession(WriteTx& tx, const Member& member, SessionKind kind, std::string label,
                                  Seconds ttl);

  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_ACCOUNTS_H_
