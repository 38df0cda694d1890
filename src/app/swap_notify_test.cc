// Swap messages: proposing a swap tells the member asked, accepting or declining tells the proposer, taking an
// offer back tells the member asked; each once, in its reader's language, naming the places; a refused operation
// tells nobody. Over a real store, hub on Europe/Madrid time, FakeClock at 2026-09-21T14:13:20Z (a Monday).
#include "app/swap_notify.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "schedule/civil_time.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

using std::chrono::minutes;

LocalSeconds L(const char* text) { return *schedule::ParseLocalTime("t", text); }

class SwapNotifyTest : public ::testing::Test {
 protected:
  SwapNotifyTest() : app_(temp_.store(), clock_, Options()) {
    HubSettings settings;
    settings.name = "Riverside";
    settings.time_zone = "Europe/Madrid";
    settings.languages = {"en", "es"};
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = testing::JoinHub(app_, "riverside", "coord", Role::kCoordinator);
    ana_ = testing::JoinHub(app_, "riverside", "ana", Role::kMember, "Ana", {"en"});
    bo_ = testing::JoinHub(app_, "riverside", "bob", Role::kMember, "Bo", {"es-MX"});
    ShiftDetails d;
    d.name = "Community kitchen";
    d.place = "Hall";
    d.dtstart = L("20260923T180000");  // Wednesdays 18:00 in Madrid
    d.duration = minutes(180);
    d.rrule = "FREQ=WEEKLY;BYDAY=WE";
    d.slots = {{"cook", "", 1, 2}};
    Result<Shift> kitchen = app_.shifts.Create(coordinator_, "riverside", d);
    EXPECT_TRUE(kitchen.ok()) << kitchen.status().ToString();
    d.name = "Rides";
    d.place = "Depot";
    d.dtstart = L("20260925T090000");
    d.rrule = "";
    d.slots = {{"driver", "", 1, 1}};
    Result<Shift> rides = app_.shifts.Create(coordinator_, "riverside", d);
    EXPECT_TRUE(rides.ok()) << rides.status().ToString();
    ana_cooks_ = Take(ana_, kitchen->id, "20260923T180000", "cook");
    bo_drives_ = Take(bo_, rides->id, "20260925T090000", "driver");
  }

  // As kin serve --public-url sets it (a trailing slash is tolerated).
  static AppOptions Options() {
    AppOptions o = testing::CheapAppOptions();
    o.public_url = "https://kin.example.org/";
    return o;
  }

  Signup Take(const Caller& who, const ShiftId& shift, const char* when, const std::string& role) {
    Result<Signup> s = app_.shifts.SignUp(who, shift, L(when), role, false);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : Signup{};
  }

  std::vector<OutboxMessage> Messages(const Caller& who) {
    Result<Page<OutboxMessage>> mine = app_.notifications.Mine(who, {});
    EXPECT_TRUE(mine.ok()) << mine.status().ToString();
    return mine.ok() ? mine->items : std::vector<OutboxMessage>{};
  }

  // The one message `who` has; fails the test unless there is exactly one.
  OutboxMessage Only(const Caller& who) {
    std::vector<OutboxMessage> all = Messages(who);
    EXPECT_EQ(all.size(), 1u);
    return all.empty() ? OutboxMessage{} : all[0];
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_, ana_, bo_;
  Signup ana_cooks_, bo_drives_;
};

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(SwapNotifyTest, APlainOfferTellsTheMemberAskedInTheirLanguage) {
  ASSERT_TRUE(app_.shifts.ProposeSwap(ana_, ana_cooks_.id, *bo_.member, std::nullopt).ok());
  const OutboxMessage m = Only(bo_);
  EXPECT_EQ(m.kind, "shift.swap_proposed");
  EXPECT_EQ(m.subject, "Ana te ofrece su lugar: «Community kitchen», mié 23 sep 2026, 18:00 (Europe/Madrid)");
  EXPECT_EQ(
      m.body,
      "Ana te ofrece su lugar como cook en «Community kitchen» en Hall, mié 23 sep 2026, 18:00 "
      "(Europe/Madrid).\nPara aceptarlo o rechazarlo, entra en «Mis turnos» en kin: https://kin.example.org/me/shifts");
  EXPECT_TRUE(Messages(ana_).empty());
}

TEST_F(SwapNotifyTest, AnExchangeNamesBothPlacesAndAcceptingTellsTheProposerWhatTheyNowHold) {
  Result<Swap> swap = app_.shifts.ProposeSwap(ana_, ana_cooks_.id, *bo_.member, bo_drives_.id);
  ASSERT_TRUE(swap.ok()) << swap.status().ToString();
  const OutboxMessage asked = Only(bo_);
  EXPECT_EQ(asked.subject,
            "Ana te propone un cambio de turno: «Community kitchen», mié 23 sep 2026, 18:00 "
            "(Europe/Madrid)");
  EXPECT_TRUE(Has(asked.body,
                  ", a cambio de tu lugar como driver en «Rides» en Depot, vie 25 sep 2026, 09:00 "
                  "(Europe/Madrid)."))
      << asked.body;
  EXPECT_TRUE(Messages(ana_).empty());

  ASSERT_TRUE(app_.shifts.AcceptSwap(bo_, swap->id).ok());
  const OutboxMessage answer = Only(ana_);
  EXPECT_EQ(answer.kind, "shift.swap_accepted");
  EXPECT_EQ(answer.subject, "Bo accepted your swap: Community kitchen, Wed 23 Sep 2026, 18:00 (Europe/Madrid)");
  EXPECT_TRUE(Has(answer.body,
                  "Bo accepted the swap: they now hold your place as cook on \"Community kitchen\" at "
                  "Hall, Wed 23 Sep 2026, 18:00 (Europe/Madrid), and you hold theirs as driver on "
                  "\"Rides\" at Depot, Fri 25 Sep 2026, 09:00 (Europe/Madrid)."))
      << answer.body;
  EXPECT_EQ(Messages(bo_).size(), 1u);  // the one who acted hears nothing more
}

TEST_F(SwapNotifyTest, DecliningTellsTheProposerAndTakingBackTellsTheMemberAsked) {
  Result<Swap> swap = app_.shifts.ProposeSwap(ana_, ana_cooks_.id, *bo_.member, std::nullopt);
  ASSERT_TRUE(swap.ok());
  ASSERT_TRUE(app_.shifts.DeclineSwap(bo_, swap->id).ok());
  const OutboxMessage declined = Only(ana_);
  EXPECT_EQ(declined.kind, "shift.swap_declined");
  EXPECT_EQ(declined.subject, "Bo declined your swap: Community kitchen, Wed 23 Sep 2026, 18:00 (Europe/Madrid)");
  EXPECT_TRUE(Has(declined.body, "The place is still yours")) << declined.body;

  swap = app_.shifts.ProposeSwap(ana_, ana_cooks_.id, *bo_.member, bo_drives_.id);
  ASSERT_TRUE(swap.ok());
  ASSERT_TRUE(app_.shifts.DeclineSwap(ana_, swap->id).ok());  // Ana takes her offer back
  EXPECT_EQ(Messages(ana_).size(), 1u);
  std::vector<OutboxMessage> bos = Messages(bo_);
  ASSERT_EQ(bos.size(), 3u);  // two offers and the taking back, newest first
  EXPECT_EQ(bos[0].kind, "shift.swap_withdrawn");
  EXPECT_EQ(bos[0].subject, "Ana retiró su oferta: «Community kitchen», mié 23 sep 2026, 18:00 (Europe/Madrid)");
  EXPECT_TRUE(Has(bos[0].body, "a cambio del tuyo como driver en «Rides»")) << bos[0].body;
}

TEST_F(SwapNotifyTest, ARefusedOperationTellsNobody) {
  // An exchange for a place Bo does not hold.
  EXPECT_EQ(app_.shifts.ProposeSwap(ana_, ana_cooks_.id, *bo_.member, ana_cooks_.id).status().kind(),
            StatusKind::kInvalid);
  // A place that is not Ana's to offer.
  EXPECT_FALSE(app_.shifts.ProposeSwap(ana_, bo_drives_.id, *coordinator_.member, std::nullopt).ok());
  EXPECT_TRUE(Messages(bo_).empty());
  EXPECT_TRUE(Messages(coordinator_).empty());

  Result<Swap> swap = app_.shifts.ProposeSwap(ana_, ana_cooks_.id, *bo_.member, std::nullopt);
  ASSERT_TRUE(swap.ok());
  EXPECT_EQ(app_.shifts.AcceptSwap(ana_, swap->id).status().kind(), StatusKind::kForbidden);  // not hers to take
  EXPECT_TRUE(Messages(ana_).empty());
  ASSERT_TRUE(app_.shifts.AcceptSwap(bo_, swap->id).ok());
  EXPECT_EQ(app_.shifts.DeclineSwap(bo_, swap->id).status().kind(), StatusKind::kConflict);  // already decided
  EXPECT_EQ(app_.shifts.AcceptSwap(bo_, swap->id).status().kind(), StatusKind::kConflict);
  const std::vector<OutboxMessage> anas = Messages(ana_);
  ASSERT_EQ(anas.size(), 1u);
  EXPECT_EQ(anas[0].kind, "shift.swap_accepted");
  EXPECT_EQ(Messages(bo_).size(), 1u);
}

TEST_F(SwapNotifyTest, AMemberWhoDeletedTheirAccountIsNoLongerNamed) {
  ASSERT_TRUE(app_.shifts.ProposeSwap(ana_, ana_cooks_.id, *bo_.member, std::nullopt).ok());
  EXPECT_EQ(Only(bo_).subject.rfind("Ana te ofrece", 0), 0u);
  // The stored row never holds the name, so deleting the account leaves none behind.
  Page<OutboxMessage> stored;
  ASSERT_TRUE(temp_.store().Read([&](ReadTx& tx) {
    stored = tx.ListOutboxOf(*bo_.member, {});
    return Status::Ok();
  }).ok());
  ASSERT_EQ(stored.items.size(), 1u);
  EXPECT_FALSE(Has(stored.items[0].subject, "Ana")) << stored.items[0].subject;
  EXPECT_FALSE(Has(stored.items[0].body, "Ana")) << stored.items[0].body;
  for (const auto& [key, value] : stored.items[0].params) EXPECT_FALSE(Has(value, "Ana")) << key;
  ASSERT_TRUE(app_.personal_data.DeleteAccount(ana_, testing::kTestPassword).ok());
  const OutboxMessage m = Only(bo_);
  EXPECT_EQ(m.subject.rfind("Alguien que ya dejó el nodo te ofrece su lugar: ", 0), 0u) << m.subject;
  EXPECT_FALSE(Has(m.body, "Ana")) << m.body;
}

TEST_F(SwapNotifyTest, QueueingTheSameSwapAgainQueuesNothingTwice) {
  Result<Swap> swap = app_.shifts.ProposeSwap(ana_, ana_cooks_.id, *bo_.member, std::nullopt);
  ASSERT_TRUE(swap.ok());
  // As a transaction run again would: the swap's id keys its message.
  ASSERT_TRUE(temp_.store().Write([&](WriteTx& tx) { return QueueSwapProposed(tx, *swap, "", clock_.Now()); }).ok());
  EXPECT_EQ(Messages(bo_).size(), 1u);
}

}  // namespace
}  // namespace kin
