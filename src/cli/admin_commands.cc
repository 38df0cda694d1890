// `kin admin ...`: what the server operator does from the command line before any coordinator exists.
#include <cstdio>

#include "app/app.h"
#include "cli/commands.h"

namespace kin::cli {
namespace {

int Fail(const char* command, const Status& s) {
  std::fprintf(stderr, "kin admin %s: %s\n", command, s.ToString().c_str());
  for (const FieldError& f : s.fields()) std::fprintf(stderr, "  --%s %s\n", f.field.c_str(), f.message.c_str());
  return 1;
}

}  // namespace

int CreateHub(const std::string& db, const HubOptions& options, const std::string& public_url) {
  Result<OpenedStore> opened = OpenStore(db);
  if (!opened.ok()) return Fail("create-hub", opened.status());
  SystemClock clock;
  App app(*opened->store, clock);
  HubSettings settings;
  settings.name = options.name;
  settings.description = options.description;
  settings.languages = options.languages;
  settings.time_zone = options.time_zone;
  Result<HubCreated> created = app.hubs.CreateAsAdmin(options.slug, settings);
  if (!created.ok()) return Fail("create-hub", created.status());
  std::printf("hub: %s (%s)\n", created->hub.slug.c_str(), created->hub.id.value.c_str());
  std::printf("setup link for the first coordinator (one use, 7 days): %s/join/%s\n", public_url.c_str(),
              created->coordinator_invite.token.c_str());
  std::printf("invite token: %s\n", created->coordinator_invite.token.c_str());
  return 0;
}

int Invite(const std::string& db, const std::string& hub, const std::string& role_name, int uses, int days,
           const std::string& public_url) {
  std::optional<Role> role = ParseRole(role_name);
  if (!role) return Fail("invite", Status::InvalidField("role", "must be member, intake or coordinator"));
  Result<OpenedStore> opened = OpenStore(db);
  if (!opened.ok()) return Fail("invite", opened.status());
  SystemClock clock;
  App app(*opened->store, clock);
  Result<InviteGrant> grant = app.hubs.InviteAsAdmin(hub, *role, uses, days);
  if (!grant.ok()) return Fail("invite", grant.status());
  std::printf("invite link (%s, %d uses, %d days): %s/join/%s\n", role_name.c_str(), uses, days, public_url.c_str(),
              grant->token.c_str());
  std::printf("invite token: %s\n", grant->token.c_str());
  return 0;
}

int ResetPassword(const std::string& db, const std::string& handle, const std::string& public_url) {
  Result<OpenedStore> opened = OpenStore(db);
  if (!opened.ok()) return Fail("reset-password", opened.status());
  SystemClock clock;
  App app(*opened->store, clock);
  Result<InviteGrant> grant = app.hubs.ResetLinkAsAdmin(handle);
  if (!grant.ok()) return Fail("reset-password", grant.status());
  std::printf("one-time link to set a new password for %s (7 days): %s/reset/%s\n", handle.c_str(),
              public_url.c_str(), grant->token.c_str());
  std::printf("reset token: %s\n", grant->token.c_str());
  return 0;
}

}  // namespace kin::cli
