// Messages in the member's language: shift reminders, empty-slot alerts and overdue-loan reminders read in
// Spanish by a member who reads Spanish (and in the hub's language by one who named none), are emailed in it, and
// follow the member when they change language. Over a real store, hub on Europe/Madrid time, FakeClock at
// 2026-09-21T14:13:20Z.
#include <gtest/gtest.h>

#include "app/app.h"
#include "schedule/civil_time.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

class Outbox : public MessageSender {
 public:
  Status Send(const SmtpSettings&, const std::string& to, const std::string& subject,
              const std::string& body) override {
    sent.push_back(to + "|" + subject + "|" + body);
    return Status::Ok();
  }
  std::vector<std::string> sent;
};

class MessageLanguageTest : public ::testing::Test {
 protected:
  MessageLanguageTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    settings.time_zone = "Europe/Madrid";
    settings.languages = {"es", "en"};
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = Join("coord", Role::kCoordinator, {"en"});
  }

  Caller Join(const std::string& name, Role role, std::vector<std::string> languages) {
    Caller caller = testing::JoinHub(app_, "riverside", "person-" + name, role, name, std::move(languages));
    ProfileUpdate update;
    update.contact = Contact{};
    update.contact->email = name + "@example.org";
    update.contact->preferred = ContactMethod::kEmail;
    EXPECT_TRUE(app_.accounts.UpdateProfile(caller, update).ok());
    return caller;
  }

  // Wednesday 23 September 2026, 18:00 Madrid, one or two cooks.
  Shift Kitchen() {
    ShiftDetails d;
    d.name = "Cocina comunitaria";
    d.place = "Hall";
    d.dtstart = *schedule::ParseLocalTime("t", "20260923T180000");
    d.duration = minutes(180);
    d.slots = {{"cook", "", 2, 2}};
    Result<Shift> s = app_.shifts.Create(coordinator_, "riverside", d);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return *s;
  }

  OutboxMessage Only(const Caller& who, const std::string& kind) {
    Result<Page<OutboxMessage>> mine = app_.notifications.Mine(who, {});
    EXPECT_TRUE(mine.ok());
    std::vector<OutboxMessage> of;
    for (OutboxMessage& m : mine->items) {
      if (m.kind == kind) of.push_back(std::move(m));
    }
    EXPECT_EQ(of.size(), 1u) << kind;
    return of.empty() ? OutboxMessage{} : of[0];
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_;
};

TEST_F(MessageLanguageTest, ShiftMessagesInSpanishAndEnglishAndEmailedSo) {
  Shift shift = Kitchen();
  Caller ana = Join("ana", Role::kMember, {"es-MX"});
  Caller bo = Join("bo", Role::kMember, {});  // named no language: the hub's first, Spanish
  ASSERT_TRUE(app_.shifts.SignUp(ana, shift.id, shift.details.dtstart, "cook", false).ok());
  clock_.Advance(hours(27));  // 23 hours before: the 24-hour reminder, and the slot is still one cook short
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  const OutboxMessage reminder = Only(ana, "shift.reminder");
  EXPECT_EQ(reminder.subject, "Recordatorio: Cocina comunitaria, mié 23 sep 2026, 18:00 (Europe/Madrid)");
  EXPECT_NE(reminder.body.find("Tienes un lugar como cook en «Cocina comunitaria» en Hall"), std::string::npos)
      << reminder.body;
  const OutboxMessage alert = Only(bo, "shift.empty_slots");
  EXPECT_EQ(alert.subject, "«Cocina comunitaria» todavía necesita gente, mié 23 sep 2026, 18:00 (Europe/Madrid)");
  EXPECT_NE(alert.body.find("todavía le faltan: 1 cook"), std::string::npos) << alert.body;
  EXPECT_EQ(Only(coordinator_, "shift.empty_slots").subject,
            "\"Cocina comunitaria\" still needs people, Wed 23 Sep 2026, 18:00 (Europe/Madrid)");

  ASSERT_TRUE(
      app_.notifications.SetSmtp(coordinator_, "riverside", SmtpSettings{"smtp.example.org", 587, "s@example.org", "", ""})
          .ok());
  Outbox outbox;
  ASSERT_EQ(*app_.notifications.Deliver(outbox), 3);
  int spanish_to_ana = 0;
  for (const std::string& m : outbox.sent) spanish_to_ana += m.rfind("ana@example.org|Recordatorio: ", 0) == 0;
  EXPECT_EQ(spanish_to_ana, 1);

  // Ana switches to English: her messages, old ones included, now read in English.
  ProfileUpdate update;
  update.languages = std::vector<std::string>{"en"};
  ASSERT_TRUE(app_.accounts.UpdateProfile(ana, update).ok());
  EXPECT_EQ(Only(ana, "shift.reminder").subject,
            "Reminder: Cocina comunitaria, Wed 23 Sep 2026, 18:00 (Europe/Madrid)");
}

TEST_F(MessageLanguageTest, OverdueLoansReachTheBorrowerInTheirLanguage) {
  Caller keeper = Join("keeper", Role::kIntake, {"en"});
  Caller ana = Join("ana", Role::kMember, {"es"});
  LendableDetails d;
  d.name = "Taladro";
  d.category = "tools";
  d.condition = "good";
  d.max_loan_days = 3;
  Library& lib = app_.resources.library;
  Result<Lendable> drill = lib.AddThing(keeper, "riverside", d);
  ASSERT_TRUE(drill.ok()) << drill.status().ToString();
  const Timestamp now = clock_.Now();
  Result<Loan> loan = lib.Reserve(ana, drill->id, {now, now + hours(24)});
  ASSERT_TRUE(loan.ok()) << loan.status().ToString();
  ASSERT_TRUE(lib.CheckOut(keeper, loan->id, "").ok());
  clock_.Advance(hours(25));
  EXPECT_EQ(*lib.RecordOverdueReminders(), 1);
  EXPECT_EQ(*lib.RecordOverdueReminders(), 0);
  const OutboxMessage m = Only(ana, "loan.overdue");
  EXPECT_EQ(m.subject, "Es hora de devolver «Taladro»");
  // Due 2026-09-22T14:13:20Z: 16:13 in Madrid.
  EXPECT_NE(m.body.find("el mar 22 sep 2026, 16:13 (Europe/Madrid)"), std::string::npos) << m.body;
}

}  // namespace
}  // namespace kin
