// Two-step sign-in (safety): a person turns on a time-based code (TOTP, RFC 6238) from an authenticator app;
// once on, signing in needs the code as well as the password. A hub may require it of its coordinators.
#ifndef KIN_APP_TWO_FACTOR_H_
#define KIN_APP_TWO_FACTOR_H_

#include <string>

#include "app/caller.h"
#include "app/context.h"
#include "core/two_factor.h"

namespace kin {

struct TwoFactorState {
  bool enabled = false;  // sign-in needs a code
  bool pending = false;  // a secret was issued but not yet confirmed with a first code
};

// Shown once, when enrolment starts; the secret is stored sealed and never shown again.
struct TotpSetup {
  std::string secret_base32;  // for typing into an app by hand
  std::string otpauth_uri;    // for a QR code
};

class TwoFactor {
 public:
  explicit TwoFactor(AppContext& ctx) : ctx_(ctx) {}

  Result<TwoFactorState> GetState(const Caller& caller);

  // Issues a new secret (replacing an unconfirmed one). kConflict when two-step sign-in is already on.
  // `issuer` names this server in the person's app (the hub network's name or host).
  Result<TotpSetup> BeginEnrolment(const Caller& caller, const std::string& issuer);

  // Turns two-step sign-in on, given a current code from the app. kInvalid naming "code" when it is wrong;
  // kConflict when there is nothing to confirm.
  Result<TwoFactorState> Confirm(const Caller& caller, const std::string& code);

  // Turns it off, given a current code (a stolen session alone cannot remove it). kInvalid naming "code".
  Result<TwoFactorState> Disable(const Caller& caller, const std::string& code);

  // The hub's rules: members may read them; only coordinators change them, and a coordinator turning the
  // requirement on must use two-step sign-in already (or they would lock themselves out).
  Result<HubSecurity> GetHubSecurity(const Caller& caller, const std::string& slug);
  Result<HubSecurity> SetHubSecurity(const Caller& caller, const std::string& slug, bool require_coordinators);

  // For the operator (`kin admin reset-two-factor`), when someone lost their authenticator: turns two-step
  // sign-in off and ends every sign-in of the member, so only the password (reset it too if in doubt) opens the
  // account. kNotFound for an unknown handle; false when it was not on.
  Result<bool> TurnOffAsAdmin(const std::string& handle);

 private:
  AppContext& ctx_;
};

// For sign-in, inside its write: Ok when `member` has no confirmed enrolment, or when `code` is a current code
// of a step after the last one used (and records that step). kUnauthenticated otherwise, with the same message
// as a wrong password.
Status ConsumeSignInCode(WriteTx& tx, const MemberId& member, const std::string& code, Timestamp now);

// How a person's authenticator app names this server: "kin <host>" from the public URL ("kin" without one).
std::string TotpIssuer(const std::string& public_url);

// Whether `member` has two-step sign-in on.
bool HasTwoFactor(ReadTx& tx, const MemberId& member);

}  // namespace kin

#endif  // KIN_APP_TWO_FACTOR_H_
