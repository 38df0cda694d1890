// What app tests share: the cheapest password hashing, and joining a hub through an invitation as people do.
#ifndef KIN_TESTING_APP_FIXTURE_H_
#define KIN_TESTING_APP_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "app/app.h"

namespace kin::testing {

// The password of everyone JoinHub makes.
inline constexpr char kTestPassword[] = "long enough password";

// Argon2id at its minimum: app tests are about rules, not cost.
inline AppOptions CheapAppOptions() {
  AppOptions o;
  o.password_cost = {1, 8 * 1024};
  return o;
}

// Joins the hub at `slug` with `role` through an administrator's invitation. `name` defaults to the handle.
inline Caller JoinHub(App& app, const std::string& slug, const std::string& handle, Role role,
                      std::string name = "", std::vector<std::string> languages = {}) {
  Result<InviteGrant> invite = app.hubs.InviteAsAdmin(slug, role, 1, 1);
  EXPECT_TRUE(invite.ok()) << invite.status().ToString();
  if (!invite.ok()) return Caller{};
  if (name.empty()) name = handle;
  Result<JoinResult> joined =
      app.accounts.Join(Caller{}, {invite->token, handle, name, kTestPassword, std::move(languages)});
  EXPECT_TRUE(joined.ok()) << joined.status().ToString();
  if (!joined.ok()) return Caller{};
  return Caller{joined->membership.member};
}

}  // namespace kin::testing

#endif  // KIN_TESTING_APP_FIXTURE_H_
