#include "core/need.h"

#include <gtest/gtest.h>

#include "core/match.h"

namespace kin {
namespace {

Timestamp At(long long s) { return Timestamp(Seconds(s)); }

NeedDetails ValidDetails() {
  NeedDetails d;
  d.category = "groceries";
  d.description = "Groceries for a family of 4";
  d.quantity = 4;
  return d;
}

TEST(Need, ValidDetailsPass) {
  EXPECT_TRUE(ValidateNeedDetails(ValidDetails(), HubSettings{}, At(1000)).ok());
}

TEST(Need, ValidationNamesEveryBadField) {
  NeedDetails d = ValidDetails();
  d.category = "weapons";
  d.description = "";
  d.quantity = 0;
  d.location = LatLon{100, 0};
  d.contact.preferred = ContactMethod::kEmail;
  Status s = ValidateNeedDetails(d, HubSettings{}, At(1000));
  ASSERT_EQ(s.kind(), StatusKind::kInvalid);
  std::vector<std::string> fields;
  for (const auto& f : s.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"category", "description", "quantity", "location.lat",
                                              "contact.email"}));
}

TEST(Need, WindowMustEndAfterStartAndNotBePast) {
  NeedDetails d = ValidDetails();
  d.window = TimeWindow{At(2000), At(1500)};
  EXPECT_EQ(ValidateNeedDetails(d, HubSettings{}, At(1000)).fields()[0].field, "window.end");
  d.window = TimeWindow{At(100), At(500)};
  EXPECT_FALSE(ValidateNeedDetails(d, HubSettings{}, At(1000)).ok());
}

TEST(Need, LifecycleAllowsOnlyListedTransitions) {
  using S = NeedStatus;
  EXPECT_TRUE(CheckNeedTransition(S::kOpen, S::kMatched).ok());
  EXPECT_TRUE(CheckNeedTransition(S::kMatched, S::kInProgress).ok());
  EXPECT_TRUE(CheckNeedTransition(S::kInProgress, S::kFulfilled).ok());
  EXPECT_TRUE(CheckNeedTransition(S::kInProgress, S::kOpen).ok());
  EXPECT_TRUE(CheckNeedTransition(S::kOpen, S::kExpired).ok());
  Status s = CheckNeedTransition(S::kCancelled, S::kFulfilled);
  EXPECT_EQ(s.kind(), StatusKind::kConflict);
  EXPECT_EQ(s.message(), "a need that is cancelled cannot become fulfilled");
  EXPECT_FALSE(CheckNeedTransition(S::kOpen, S::kFulfilled).ok());
  EXPECT_FALSE(CheckNeedTransition(S::kFulfilled, S::kOpen).ok());
}

TEST(Need, EveryMatchTransitionImpliesAValidNeedTransition) {
  using M = MatchStatus;
  struct Case {
    M from, to;
  };
  for (Case c : {Case{M::kProposed, M::kAccepted}, Case{M::kProposed, M::kDeclined},
                 Case{M::kAccepted, M::kInProgress}, Case{M::kAccepted, M::kCompleted},
                 Case{M::kAccepted, M::kReleased}, Case{M::kInProgress, M::kCompleted},
                 Case{M::kInProgress, M::kReleased}, Case{M::kInProgress, M::kCancelled}}) {
    ASSERT_TRUE(CheckMatchTransition(c.from, c.to).ok());
    NeedStatus before = NeedStatusAfter(c.from);
    NeedStatus after = NeedStatusAfter(c.to);
    if (before != after) {
      EXPECT_TRUE(CheckNeedTransition(before, after).ok())
          << MatchStatusName(c.from) << " -> " << MatchStatusName(c.to);
    }
  }
  EXPECT_FALSE(CheckMatchTransition(M::kCompleted, M::kReleased).ok());
}

TEST(Need, ExpiresOnlyWhenOpenAndWindowPassed) {
  Need n;
  n.details = ValidDetails();
  n.details.window = TimeWindow{At(100), At(200)};
  EXPECT_FALSE(ShouldExpire(n, At(150)));
  EXPECT_TRUE(ShouldExpire(n, At(200)));
  n.status = NeedStatus::kMatched;
  EXPECT_FALSE(ShouldExpire(n, At(300)));
}

}  // namespace
}  // namespace kin

namespace kin {
namespace {

TEST(Need, RedactionIsDueOnlyForClosedNeedsPastRetention) {
  Need n;
  n.details.description = "groceries for 4 at Calle Mayor 3";
  n.details.contact.phone = "+34 600";
  n.details.location = LatLon{40.4, -3.7};
  n.approx_location = LatLon{40.4, -3.7};
  n.status_token_hash = "abc";
  n.updated_at = Timestamp(Seconds(0));
  Timestamp day31 = Timestamp(Seconds(31 * 24 * 3600));
  EXPECT_FALSE(DueForRedaction(n, 30, day31));  // still open
  n.status = NeedStatus::kFulfilled;
  EXPECT_FALSE(DueForRedaction(n, 30, Timestamp(Seconds(29 * 24 * 3600))));
  EXPECT_TRUE(DueForRedaction(n, 30, day31));
  RedactPersonalData(n, day31);
  EXPECT_TRUE(n.details.description.empty());
  EXPECT_TRUE(n.details.contact.empty());
  EXPECT_FALSE(n.details.location);
  EXPECT_FALSE(n.approx_location);
  EXPECT_TRUE(n.status_token_hash.empty());
  EXPECT_FALSE(DueForRedaction(n, 30, day31));  // once is enough
}

}  // namespace
}  // namespace kin
