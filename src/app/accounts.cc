#include "app/accounts.h"

#include "app/two_factor.h"

#include "core/validation.h"
#include "crypto/tokens.h"

namespace kin {
namespace {

// A valid Argon2id hash of a random password, verified against when the handle is unknown so that a wrong handle
// costs the same time as a wrong password.
const std::string& DecoyHash(const PasswordCost& cost) {
  static const std::string hash = [&] {
    Result<std::string> h = HashPassword(RandomToken(), cost);
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

Status ValidateLanguages(const std::vector<std::string>& languages) {
  FieldErrors errors;
  if (languages.size() > 20) errors.Add("languages", "must list at most 20 languages");
  for (size_t i = 0; i < languages.size(); ++i) {
    CheckLanguage("languages[" + std::to_string(i) + "]", languages[i], errors);
  }
  return errors.ToStatus();
}

}  // namespace

Result<SessionGrant> Accounts::NewSession(WriteTx& tx, const Member& member, SessionKind kind, std::string label,
                                          Seconds ttl) {
  SessionGrant grant;
  grant.token = RandomToken();
  grant.session.token_hash = HashToken(grant.token);
  grant.session.member = member.id;
  grant.session.kind = kind;
  grant.session.label = std::move(label);
  grant.session.created_at = ctx_.clock.Now();
  grant.session.expires_at = grant.session.created_at + ttl;
  Status s = tx.InsertSession(grant.session);
  if (!s.ok()) return s;
  grant.member = member;
  grant.member.password_hash.clear();
  return grant;
}

Result<SessionGrant> Accounts::SignIn(const std::string& handle, const std::string& password,
                                      const std::string& code) {
  Result<Member> member = ReadValue<Member>(ctx_.store, [&](ReadTx& tx) { return tx.GetMemberByHandle(handle); });
  bool ok;
  if (member.ok() && !member->password_hash.empty()) {
    ok = VerifyPassword(password, member->password_hash);
  } else {
    VerifyPassword(password, DecoyHash(ctx_.options.password_cost));
    ok = false;
  }
  if (!ok) return Status::Unauthenticated("the handle, password or code is wrong");
  Timestamp now = ctx_.clock.Now();
  return WriteValue<SessionGrant>(ctx_.store, [&](WriteTx& tx) -> Result<SessionGrant> {
    // Checked and recorded in the same write as the session, so two requests cannot both use one code.
    Status s = ConsumeSignInCode(tx, member->id, code, now);
    if (!s.ok()) return s;
    return NewSession(tx, *member, SessionKind::kSession, "", ctx_.options.session_ttl);
  });
}

Status Accounts::SignOut(const std::string& token) {
  return ctx_.store.Write([&](WriteTx& tx) { return tx.RevokeSession(HashToken(token)); });
}

Result<SessionGrant> Accounts::CreateApiToken(const Caller& caller, const std::string& label, int days) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to create an API token");
  FieldErrors errors;
  CheckText("label", label, 80, /*required=*/true, errors);
  CheckRange("days", days, 1, 3650, errors);
  if (!errors.empty()) return errors.ToStatus();
  return WriteValue<SessionGrant>(ctx_.store, [&](WriteTx& tx) -> Result<SessionGrant> {
    Result<Member> member = tx.GetMember(*caller.member);
    if (!member.ok()) return member.status();
    return NewSession(tx, *member, SessionKind::kApiToken, label, Seconds(days * 24 * 3600LL));
  });
}

Result<Caller> Accounts::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 200) return Status::Unauthenticated("the token is not valid");
  Result<Session> session =
      ReadValue<Session>(ctx_.store, [&](ReadTx& tx) { return tx.GetSession(HashToken(token)); });
  if (!session.ok() || !session->ValidAt(ctx_.clock.Now())) {
    return Status::Unauthenticated("the token is not valid, has expired or was revoked; sign in again");
  }
  return Caller{session->member};
}

Result<JoinResult> Accounts::Join(const Caller& caller, const JoinRequest& request) {
  std::string password_hash;
  if (caller.anonymous()) {
    FieldErrors errors;
    ValidateHandle(request.handle, errors);
    ValidateDisplayName(request.display_name, errors);
    ValidatePassword(request.password, errors);
    if (!errors.empty()) return errors.ToStatus();
    Status langs = ValidateLanguages(request.languages);
    if (!langs.ok()) return langs;
    // Hash before entering the write queue: Argon2id takes tens of milliseconds and the writer is shared.
    Result<std::string> hash = HashPassword(request.password, ctx_.options.password_cost);
    if (!hash.ok()) return hash.status();
    password_hash = *hash;
  }
  Timestamp now = ctx_.clock.Now();
  return WriteValue<JoinResult>(ctx_.store, [&](WriteTx& tx) -> Result<JoinResult> {
    Result<Invite> invite = tx.GetInviteByTokenHash(HashToken(request.invite_token));
    if (!invite.ok() || invite->kind != InviteKind::kJoinHub || !invite->UsableAt(now)) {
      return Status::NotFound("this invitation is not valid or has expired; ask for a new one");
    }
    JoinResult result;
    Member member;
    if (caller.anonymous()) {
      member.id = MemberId{RandomId("mem")};
      member.handle = request.handle;
      member.display_name = request.display_name;
      member.languages = request.languages;
      member.password_hash = password_hash;
      member.created_at = now;
      Status s = tx.InsertMember(member);
      if (!s.ok()) {
        if (s.kind() == StatusKind::kConflict) {
          return Status::Invalid("that handle is taken", {{"handle", "is taken; choose another"}});
        }
        return s;
      }
      Result<SessionGrant> session =
          NewSession(tx, member, SessionKind::kSession, "", ctx_.options.session_ttl);
      if (!session.ok()) return session.status();
      result.session = std::move(*session);
    } else {
      Result<Member> existing = tx.GetMember(*caller.member);
      if (!existing.ok()) return existing.status();
      member = *existing;
    }
    Membership membership;
    if (std::optional<Membership> current = tx.GetMembership(invite->hub, member.id)) membership = *current;
    membership.hub = invite->hub;
    membership.member = member.id;
    if (membership.joined_at == Timestamp{}) membership.joined_at = now;
    membership.roles.Add(Role::kMember);
    membership.roles.Add(invite->role);
    Status s = tx.PutMembership(membership);
    if (!s.ok()) return s;
    kin::Invite used = *invite;
    used.uses_left -= 1;
    s = tx.UpdateInvite(used);
    if (!s.ok()) return s;
    s = RecordEvent(tx, invite->hub, now, member.id.value, "member.joined", member.id.value,
                    std::string("role ") + RoleName(invite->role));
    if (!s.ok()) return s;
    result.membership = membership;
    return result;
  });
}

Result<SessionGrant> Accounts::ResetPassword(const std::string& reset_token, const std::string& new_password) {
  FieldErrors errors;
  ValidatePassword(new_password, errors);
  if (!errors.empty()) return errors.ToStatus();
  Result<std::string> hash = HashPassword(new_password, ctx_.options.password_cost);
  if (!hash.ok()) return hash.status();
  Timestamp now = ctx_.clock.Now();
  return WriteValue<SessionGrant>(ctx_.store, [&](WriteTx& tx) -> Result<SessionGrant> {
    Result<Invite> invite = tx.GetInviteByTokenHash(HashToken(reset_token));
    if (!invite.ok() || invite->kind != InviteKind::kResetPassword || !invite->member || !invite->UsableAt(now)) {
      return Status::NotFound("this reset link is not valid or has expired; ask a coordinator for a new one");
    }
    Result<Member> member = tx.GetMember(*invite->member);
    if (!member.ok()) return member.status();
    member->password_hash = *hash;
    Status s = tx.UpdateMember(*member);
    if (s.ok()) s = tx.RevokeSessionsOf(member->id);
    kin::Invite used = *invite;
    used.uses_left = 0;
    if (s.ok()) s = tx.UpdateInvite(used);
    if (!s.ok()) return s;
    return NewSession(tx, *member, SessionKind::kSession, "", ctx_.options.session_ttl);
  });
}

Result<Profile> Accounts::GetProfile(const Caller& caller) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see your profile");
  return ReadValue<Profile>(ctx_.store, [&](ReadTx& tx) -> Result<Profile> {
    Result<Member> member = tx.GetMember(*caller.member);
    if (!member.ok()) return member.status();
    Profile p{*member, tx.ListMembershipsOf(*caller.member)};
    p.member.password_hash.clear();
    return p;
  });
}

Result<Profile> Accounts::UpdateProfile(const Caller& caller, const ProfileUpdate& update) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to change your profile");
  FieldErrors errors;
  if (update.display_name) ValidateDisplayName(*update.display_name, errors);
  if (update.contact) ValidateContact(*update.contact, "contact", errors);
  if (!errors.empty()) return errors.ToStatus();
  if (update.languages) {
    Status s = ValidateLanguages(*update.languages);
    if (!s.ok()) return s;
  }
  return WriteValue<Profile>(ctx_.store, [&](WriteTx& tx) -> Result<Profile> {
    Result<Member> member = tx.GetMember(*caller.member);
    if (!member.ok()) return member.status();
    if (update.display_name) member->display_name = *update.display_name;
    if (update.languages) member->languages = *update.languages;
    if (update.contact) member->contact = *update.contact;
    Status s = tx.UpdateMember(*member);
    if (!s.ok()) return s;
    Profile p{*member, tx.ListMembershipsOf(member->id)};
    p.member.password_hash.clear();
    return p;
  });
}

}  // namespace kin
