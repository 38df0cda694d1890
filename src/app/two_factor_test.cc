// Two-step sign-in over a real SQLite store with a fixed clock: enrol, confirm, sign in, replay, disable, and a
// hub that requires it of coordinators.
#include "app/two_factor.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "app/app.h"
#include "crypto/totp.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

constexpr const char* kPassword = testing::kTestPassword;

class TwoFactorTest : public ::testing::Test {
 protected:
  TwoFactorTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = Join("coord", Role::kCoordinator);
  }

  Caller Join(const std::string& handle, Role role) {
    return testing::JoinHub(app_, "riverside", handle, role);
  }

  std::string SecretOf(const Caller& who) {
    std::string secret;
    EXPECT_TRUE(temp_.store().Read([&](ReadTx& tx) {
                  std::optional<TotpEnrolment> e = tx.GetTotp(*who.member);
                  if (e) secret = e->secret;
                  return Status::Ok();
                }).ok());
    return secret;
  }

  std::string CodeNow(const Caller& who, int steps_ahead = 0) {
    return TotpCode(SecretOf(who), clock_.Now().time_since_epoch().count() + steps_ahead * 30);
  }

  // Enrols and confirms; leaves the clock one step later so the next code is fresh.
  void TurnOn(const Caller& who) {
    Result<TotpSetup> setup = app_.two_factor.BeginEnrolment(who, "kin test");
    ASSERT_TRUE(setup.ok()) << setup.status().ToString();
    ASSERT_TRUE(app_.two_factor.Confirm(who, CodeNow(who)).ok());
    clock_.Advance(Seconds(30));
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_;
};

TEST_F(TwoFactorTest, EnrolmentTakesEffectOnlyOnceConfirmed) {
  Result<TotpSetup> setup = app_.two_factor.BeginEnrolment(coordinator_, "Riverside Aid");
  ASSERT_TRUE(setup.ok());
  EXPECT_EQ(setup->otpauth_uri.rfind("otpauth://totp/Riverside%20Aid:coord?secret=" + setup->secret_base32, 0), 0u);
  EXPECT_EQ(setup->secret_base32, Base32(SecretOf(coordinator_)));
  EXPECT_TRUE(app_.two_factor.GetState(coordinator_)->pending);
  EXPECT_FALSE(app_.two_factor.GetState(coordinator_)->enabled);
  // Not confirmed yet: sign-in needs no code.
  EXPECT_TRUE(app_.accounts.SignIn("coord", kPassword).ok());

  Status wrong = app_.two_factor.Confirm(coordinator_, "000000").status();
  EXPECT_EQ(wrong.kind(), StatusKind::kInvalid);
  ASSERT_EQ(wrong.fields().size(), 1u);
  EXPECT_EQ(wrong.fields()[0].field, "code");
  ASSERT_TRUE(app_.two_factor.Confirm(coordinator_, CodeNow(coordinator_)).ok());
  EXPECT_TRUE(app_.two_factor.GetState(coordinator_)->enabled);
  EXPECT_EQ(app_.two_factor.BeginEnrolment(coordinator_, "x").status().kind(), StatusKind::kConflict);
}

TEST_F(TwoFactorTest, SignInNeedsAFreshCodeAndACodeWorksOnce) {
  TurnOn(coordinator_);
  Status missing = app_.accounts.SignIn("coord", kPassword).status();
  Status wrong_password = app_.accounts.SignIn("coord", "not the password", CodeNow(coordinator_)).status();
  EXPECT_EQ(missing.kind(), StatusKind::kUnauthenticated);
  EXPECT_EQ(missing.message(), wrong_password.message());  // a wrong code reveals nothing more
  EXPECT_EQ(app_.accounts.SignIn("coord", kPassword, "123456").status().message(), missing.message());

  std::string code = CodeNow(coordinator_);
  ASSERT_TRUE(app_.accounts.SignIn("coord", kPassword, code).ok());
  // The same code again, even within its 30 seconds, is refused.
  EXPECT_EQ(app_.accounts.SignIn("coord", kPassword, code).status().kind(), StatusKind::kUnauthenticated);
  // So is the previous step's code, which the window would otherwise still accept.
  EXPECT_FALSE(app_.accounts.SignIn("coord", kPassword, CodeNow(coordinator_, -1)).ok());
  // A code from one step ahead (a fast phone clock) is fine once.
  EXPECT_TRUE(app_.accounts.SignIn("coord", kPassword, CodeNow(coordinator_, 1)).ok());
  clock_.Advance(Seconds(90));
  EXPECT_TRUE(app_.accounts.SignIn("coord", kPassword, CodeNow(coordinator_)).ok());
}

TEST_F(TwoFactorTest, DisablingNeedsACurrentCode) {
  TurnOn(coordinator_);
  EXPECT_EQ(app_.two_factor.Disable(coordinator_, "999999").status().kind(), StatusKind::kInvalid);
  EXPECT_TRUE(app_.two_factor.GetState(coordinator_)->enabled);
  ASSERT_TRUE(app_.two_factor.Disable(coordinator_, CodeNow(coordinator_)).ok());
  EXPECT_FALSE(app_.two_factor.GetState(coordinator_)->enabled);
  EXPECT_TRUE(app_.accounts.SignIn("coord", kPassword).ok());
  EXPECT_EQ(app_.two_factor.Disable(coordinator_, CodeNow(coordinator_)).status().kind(), StatusKind::kConflict);
}

TEST_F(TwoFactorTest, AHubCanRequireItOfCoordinators) {
  Caller other = Join("coord2", Role::kCoordinator);
  Caller member = Join("member", Role::kMember);
  // Turning the rule on without using it yourself would lock you out.
  Status early = app_.two_factor.SetHubSecurity(coordinator_, "riverside", true).status();
  EXPECT_EQ(early.kind(), StatusKind::kInvalid);
  EXPECT_EQ(app_.two_factor.SetHubSecurity(member, "riverside", false).status().kind(), StatusKind::kForbidden);

  TurnOn(coordinator_);
  ASSERT_TRUE(app_.two_factor.SetHubSecurity(coordinator_, "riverside", true).ok());
  EXPECT_TRUE(app_.two_factor.GetHubSecurity(member, "riverside")->require_coordinator_two_factor);

  // The other coordinator is told to turn it on before acting as coordinator; members are unaffected.
  Result<InviteGrant> refused = app_.hubs.Invite(other, "riverside", Role::kMember, 1, 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().kind(), StatusKind::kForbidden);
  EXPECT_NE(refused.status().message().find("two-step"), std::string::npos);
  EXPECT_TRUE(app_.hubs.Invite(coordinator_, "riverside", Role::kMember, 1, 1).ok());
  TurnOn(other);
  EXPECT_TRUE(app_.hubs.Invite(other, "riverside", Role::kMember, 1, 1).ok());
}

TEST_F(TwoFactorTest, AnOperatorTurnsItOffForSomeoneWhoLostTheirPhone) {
  TurnOn(coordinator_);
  Result<SessionGrant> session = app_.accounts.SignIn("coord", kPassword, CodeNow(coordinator_));
  ASSERT_TRUE(session.ok());
  Result<bool> turned_off = app_.two_factor.TurnOffAsAdmin("coord");
  ASSERT_TRUE(turned_off.ok());
  EXPECT_TRUE(*turned_off);
  EXPECT_FALSE(app_.accounts.Authenticate(session->token).ok());  // every sign-in ended
  EXPECT_TRUE(app_.accounts.SignIn("coord", kPassword).ok());
  EXPECT_FALSE(*app_.two_factor.TurnOffAsAdmin("coord"));
  EXPECT_EQ(app_.two_factor.TurnOffAsAdmin("nobody").status().kind(), StatusKind::kNotFound);
}

TEST_F(TwoFactorTest, DeletingTheAccountRemovesTheSecret) {
  TurnOn(coordinator_);
  ASSERT_TRUE(app_.personal_data.DeleteAccount(coordinator_, kPassword).ok());
  EXPECT_EQ(SecretOf(coordinator_), "");
}

TEST(TotpIssuer, NamesTheServerByItsHost) {
  EXPECT_EQ(TotpIssuer("https://aid.example.org/"), "kin aid.example.org");
  EXPECT_EQ(TotpIssuer("http://127.0.0.1:8080"), "kin 127.0.0.1:8080");
  EXPECT_EQ(TotpIssuer(""), "kin");
}

TEST_F(TwoFactorTest, TheSecretIsSealedAtRest) {
  TurnOn(coordinator_);
  std::string secret = SecretOf(coordinator_);
  ASSERT_EQ(secret.size(), 20u);
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(temp_.db_path() + suffix, std::ios::binary);
    bytes += std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  EXPECT_EQ(bytes.find(secret), std::string::npos);
  EXPECT_EQ(bytes.find(Base32(secret)), std::string::npos);
}

}  // namespace
}  // namespace kin
