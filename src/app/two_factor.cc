#include "app/two_factor.h"

#include "app/access.h"
#include "crypto/totp.h"

namespace kin {
namespace {

constexpr char kWrongCode[] = "the code is wrong, expired or already used; enter the current code from your app";

int64_t UnixSeconds(Timestamp t) { return t.time_since_epoch().count(); }

// The step of a valid, unused code, or nullopt.
std::optional<int64_t> FreshStep(const TotpEnrolment& e, const std::string& code, Timestamp now) {
  std::optional<int64_t> step = MatchTotp(e.secret, code, UnixSeconds(now));
  if (!step || *step <= e.last_step) return std::nullopt;
  return step;
}

Status SignedIn(const Caller& caller) {
  return caller.anonymous() ? Status::Unauthenticated("sign in first") : Status::Ok();
}

}  // namespace

Status ConsumeSignInCode(WriteTx& tx, const MemberId& member, const std::string& code, Timestamp now) {
  std::optional<TotpEnrolment> e = tx.GetTotp(member);
  if (!e || !e->confirmed) return Status::Ok();
  std::optional<int64_t> step = FreshStep(*e, code, now);
  if (!step) return Status::Unauthenticated("the handle, password or code is wrong");
  e->last_step = *step;
  return tx.PutTotp(*e);
}

std::string TotpIssuer(const std::string& public_url) {
  size_t start = public_url.find("://");
  std::string host = start == std::string::npos ? public_url : public_url.substr(start + 3);
  host = host.substr(0, host.find('/'));
  return host.empty() ? "kin" : "kin " + host;
}

bool HasTwoFactor(ReadTx& tx, const MemberId& member) {
  std::optional<TotpEnrolment> e = tx.GetTotp(member);
  return e && e->confirmed;
}

Result<TwoFactorState> TwoFactor::GetState(const Caller& caller) {
  Status s = SignedIn(caller);
  if (!s.ok()) return s;
  return ReadValue<TwoFactorState>(ctx_.store, [&](ReadTx& tx) -> Result<TwoFactorState> {
    std::optional<TotpEnrolment> e = tx.GetTotp(*caller.member);
    return TwoFactorState{e && e->confirmed, e && !e->confirmed};
  });
}

Result<TotpSetup> TwoFactor::BeginEnrolment(const Caller& caller, const std::string& issuer) {
  Status s = SignedIn(caller);
  if (!s.ok()) return s;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<TotpSetup>(ctx_.store, [&](WriteTx& tx) -> Result<TotpSetup> {
    Result<Member> member = tx.GetMember(*caller.member);
    if (!member.ok()) return member.status();
    std::optional<TotpEnrolment> existing = tx.GetTotp(*caller.member);
    if (existing && existing->confirmed) {
      return Status::Conflict("two-step sign-in is already on; turn it off first to set up another app");
    }
    TotpEnrolment e;
    e.member = *caller.member;
    e.secret = NewTotpSecret();
    e.created_at = now;
    Status put = tx.PutTotp(e);
    if (!put.ok()) return put;
    return TotpSetup{Base32(e.secret), OtpauthUri(issuer, member->handle, e.secret)};
  });
}

Result<TwoFactorState> TwoFactor::Confirm(const Caller& caller, const std::string& code) {
  Status s = SignedIn(caller);
  if (!s.ok()) return s;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<TwoFactorState>(ctx_.store, [&](WriteTx& tx) -> Result<TwoFactorState> {
    std::optional<TotpEnrolment> e = tx.GetTotp(*caller.member);
    if (!e) return Status::Conflict("start setting up two-step sign-in first");
    if (e->confirmed) return Status::Conflict("two-step sign-in is already on");
    std::optional<int64_t> step = FreshStep(*e, code, now);
    if (!step) return Status::InvalidField("code", kWrongCode);
    e->confirmed = true;
    e->last_step = *step;
    Status put = tx.PutTotp(*e);
    if (!put.ok()) return put;
    return TwoFactorState{true, false};
  });
}

Result<TwoFactorState> TwoFactor::Disable(const Caller& caller, const std::string& code) {
  Status s = SignedIn(caller);
  if (!s.ok()) return s;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<TwoFactorState>(ctx_.store, [&](WriteTx& tx) -> Result<TwoFactorState> {
    std::optional<TotpEnrolment> e = tx.GetTotp(*caller.member);
    if (!e || !e->confirmed) return Status::Conflict("two-step sign-in is not on");
    if (!FreshStep(*e, code, now)) return Status::InvalidField("code", kWrongCode);
    Status del = tx.DeleteTotp(*caller.member);
    if (!del.ok()) return del;
    return TwoFactorState{false, false};
  });
}

Result<bool> TwoFactor::TurnOffAsAdmin(const std::string& handle) {
  return WriteValue<bool>(ctx_.store, [&](WriteTx& tx) -> Result<bool> {
    Result<Member> member = tx.GetMemberByHandle(handle);
    if (!member.ok()) return Status::NotFound("no member has the handle '" + handle + "'");
    std::optional<TotpEnrolment> e = tx.GetTotp(member->id);
    Status s = tx.DeleteTotp(member->id);
    if (s.ok()) s = tx.RevokeSessionsOf(member->id);
    if (!s.ok()) return s;
    return e.has_value() && e->confirmed;
  });
}

Result<HubSecurity> TwoFactor::GetHubSecurity(const Caller& caller, const std::string& slug) {
  return ReadValue<HubSecurity>(ctx_.store, [&](ReadTx& tx) -> Result<HubSecurity> {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    Result<Membership> m = RequireMember(tx, caller, hub->id);
    if (!m.ok()) return m.status();
    return tx.GetHubSecurity(hub->id);
  });
}

Result<HubSecurity> TwoFactor::SetHubSecurity(const Caller& caller, const std::string& slug,
                                              bool require_coordinators) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<HubSecurity>(ctx_.store, [&](WriteTx& tx) -> Result<HubSecurity> {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    Result<Membership> m = RequireRole(tx, caller, hub->id, Role::kCoordinator);
    if (!m.ok()) return m.status();
    if (require_coordinators && !HasTwoFactor(tx, *caller.member)) {
      return Status::InvalidField("require_coordinator_two_factor",
                                  "turn on two-step sign-in for yourself first, or you would lock yourself out");
    }
    HubSecurity security{hub->id, require_coordinators};
    Status s = tx.PutHubSecurity(security);
    if (s.ok()) {
      s = RecordEvent(tx, hub->id, now, caller.actor(), "hub.security_changed", hub->id.value,
                      require_coordinators ? "coordinators must use two-step sign-in" : "two-step sign-in optional");
    }
    if (!s.ok()) return s;
    return security;
  });
}

}  // namespace kin
