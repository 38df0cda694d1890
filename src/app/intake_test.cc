// Intake's desk: search and merging duplicates, over a real SQLite store.
#include <gtest/gtest.h>

#include "app/app.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

class IntakeTest : public ::testing::Test {
 protected:
  IntakeTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("hillside", settings).ok());
    intake_ = Join("riverside", "desk", Role::kIntake);
    member_ = Join("riverside", "neighbour", Role::kMember);
  }

  Caller Join(const std::string& hub, const std::string& handle, Role role) {
    return testing::JoinHub(app_, hub, handle, role);
  }

  NeedId OnBehalf(const std::string& hub, const std::string& description, const Caller& who) {
    NeedDetails d;
    d.category = "groceries";
    d.description = description;
    d.place = "by the market";
    d.contact.preferred = ContactMethod::kPhone;
    d.contact.phone = "+34 600 111 222";
    Result<NeedView> need = app_.needs.Create(who, hub, d, true);
    EXPECT_TRUE(need.ok()) << need.status().ToString();
    return need.ok() ? need->need.id : NeedId{};
  }

  int EventsOfType(const std::string& type) {
    Result<Page<Event>> events = app_.hubs.Events(intake_, "riverside", PageRequest{"", 200});
    int n = 0;
    for (const Event& e : events->items) n += e.type == type;
    return n;
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller intake_;
  Caller member_;
};

TEST_F(IntakeTest, SearchFindsEveryWordWithoutContactAndOnlyForIntake) {
  OnBehalf("riverside", "Rice and beans for a family", intake_);
  OnBehalf("riverside", "Nappies and milk", intake_);
  Result<std::vector<Need>> found = app_.intake.Search(intake_, "riverside", {"RICE market", {}, {}}, 50);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].details.description, "Rice and beans for a family");
  EXPECT_TRUE((*found)[0].details.contact.phone.empty());
  EXPECT_EQ(app_.intake.Search(intake_, "riverside", {"", {}, NeedStatus::kOpen}, 50)->size(), 2u);
  EXPECT_EQ(app_.intake.Search(intake_, "riverside", {"", std::string("rides"), {}}, 50)->size(), 0u);
  EXPECT_EQ(app_.intake.Search(member_, "riverside", {"", {}, {}}, 50).status().kind(), StatusKind::kForbidden);
}

TEST_F(IntakeTest, MergeClosesTheDuplicateWithALinkAndAnEvent) {
  NeedId kept = OnBehalf("riverside", "Rice and beans", intake_);
  NeedId dup = OnBehalf("riverside", "Rice and beans (called again)", intake_);
  Result<NeedView> merged = app_.intake.Merge(intake_, dup, kept);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->need.status, NeedStatus::kCancelled);
  EXPECT_EQ(*app_.intake.DuplicateOf(member_, dup).value(), kept);
  EXPECT_FALSE(app_.intake.DuplicateOf(member_, kept).value());
  EXPECT_EQ(app_.needs.Get(intake_, kept)->need.status, NeedStatus::kOpen);
  EXPECT_EQ(EventsOfType("need.merged"), 1);
  // Merging again, or into the merged one, is refused and changes nothing.
  EXPECT_EQ(app_.intake.Merge(intake_, dup, kept).status().kind(), StatusKind::kConflict);
  NeedId third = OnBehalf("riverside", "Rice", intake_);
  Result<NeedView> into_merged = app_.intake.Merge(intake_, third, dup);
  EXPECT_EQ(into_merged.status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(app_.needs.Get(intake_, third)->need.status, NeedStatus::kOpen);
  EXPECT_EQ(EventsOfType("need.merged"), 1);
}

TEST_F(IntakeTest, MergeCancelsTheDuplicatesTaskAndChecksRolesAndHubs) {
  NeedId kept = OnBehalf("riverside", "Rice", intake_);
  NeedId dup = OnBehalf("riverside", "Rice again", intake_);
  OfferDetails o;
  o.category = "groceries";
  o.description = "I shop";
  Result<Offer> offer = app_.offers.Create(member_, "riverside", o);
  ASSERT_TRUE(offer.ok());
  ASSERT_TRUE(app_.matches.Claim(member_, dup, offer->id, "").ok());

  EXPECT_EQ(app_.intake.Merge(member_, dup, kept).status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(app_.intake.Merge(intake_, dup, dup).status().kind(), StatusKind::kInvalid);
  Caller elsewhere = Join("hillside", "desk2", Role::kIntake);
  NeedId other_hub = OnBehalf("hillside", "Rice", elsewhere);
  Result<NeedView> across = app_.intake.Merge(intake_, dup, other_hub);
  ASSERT_EQ(across.status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(across.status().fields().at(0).field, "into");

  ASSERT_TRUE(app_.intake.Merge(intake_, dup, kept).ok());
  Result<Page<Match>> matches = app_.matches.List(member_, "riverside", {}, PageRequest{"", 10});
  ASSERT_EQ(matches->items.size(), 1u);
  EXPECT_EQ(matches->items[0].status, MatchStatus::kCancelled);
}

}  // namespace
}  // namespace kin
