// Reminders and empty-slot alerts queued by the sweep, and delivery through a MessageSender, over a real store
// with a FakeClock (2026-09-21T14:13:20Z) in a hub on Europe/Madrid time.
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

class RecordingSender : public MessageSender {
 public:
  Status Send(const SmtpSettings& server, const std::string& to, const std::string& subject,
              const std::string&) override {
    sent.push_back(server.host + " " + to + " " + subject);
    return fail ? Status::Unavailable("connection refused") : Status::Ok();
  }
  std::vector<std::string> sent;
  bool fail = false;
};

class NotificationsTest : public ::testing::Test {
 protected:
  NotificationsTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    settings.time_zone = "Europe/Madrid";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = Join("coord", Role::kCoordinator);
  }

  Caller Join(const std::string& name, Role role = Role::kMember) {
    Caller caller = testing::JoinHub(app_, "riverside", "person-" + name, role, name);
    ProfileUpdate update;
    update.contact = Contact{};
    update.contact->email = name + "@example.org";
    update.contact->preferred = ContactMethod::kEmail;
    EXPECT_TRUE(app_.accounts.UpdateProfile(caller, update).ok());
    return caller;
  }

  // Wednesday 23 September 2026, 18:00-21:00 Madrid (16:00Z), one cook at least.
  Shift Kitchen() {
    ShiftDetails d;
    d.name = "Community kitchen";
    d.place = "Hall";
    d.dtstart = *schedule::ParseLocalTime("t", "20260923T180000");
    d.duration = minutes(180);
    d.slots = {{"cook", "", 1, 2}};
    Result<Shift> s = app_.shifts.Create(coordinator_, "riverside", d);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return *s;
  }

  std::vector<OutboxMessage> Inbox(const Caller& who) { return app_.notifications.Mine(who, {})->items; }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_;
};

TEST_F(NotificationsTest, RemindersAt24And2HoursOnceEach) {
  Shift shift = Kitchen();
  Caller ana = Join("ana");
  ASSERT_TRUE(app_.shifts.SignUp(ana, shift.id, shift.details.dtstart, "cook", false).ok());
  const Timestamp start = Timestamp(Seconds(1'790'179'200));  // 2026-09-23T16:00:00Z
  clock_.Advance(start - hours(25) - clock_.Now());
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  EXPECT_TRUE(Inbox(ana).empty());
  clock_.Advance(hours(1));
  EXPECT_EQ(*app_.shifts.QueueDueNotifications(), 1);
  EXPECT_EQ(*app_.shifts.QueueDueNotifications(), 0);  // a second sweep queues nothing twice
  clock_.Advance(hours(22));
  EXPECT_EQ(*app_.shifts.QueueDueNotifications(), 1);
  std::vector<OutboxMessage> inbox = Inbox(ana);
  ASSERT_EQ(inbox.size(), 2u);
  EXPECT_EQ(inbox[0].kind, "shift.reminder");
  EXPECT_EQ(inbox[0].subject, "Reminder: Community kitchen, Wed 23 Sep 2026, 18:00 (Europe/Madrid)");
}

TEST_F(NotificationsTest, AHubWhoseTimeZoneFailsDoesNotStopTheOthersAlerts) {
  HubSettings settings;
  settings.name = "Broken";
  ASSERT_TRUE(app_.hubs.CreateAsAdmin("broken", settings).ok());
  // A zone the system no longer knows (tzdata changed under a running server).
  ASSERT_TRUE(temp_.store().Write([](WriteTx& tx) -> Status {
    Result<Hub> hub = tx.GetHubBySlug("broken");
    if (!hub.ok()) return hub.status();
    hub->settings.time_zone = "Atlantis/Capital";
    return tx.UpdateHub(*hub);
  }).ok());
  Shift shift = Kitchen();
  Caller ana = Join("ana");
  clock_.Advance(hours(24));  // the kitchen is within 48 hours and has no cook
  Result<int> queued = app_.shifts.QueueDueNotifications();
  EXPECT_FALSE(queued.ok());  // the broken hub is reported...
  int alerts = 0;
  for (const auto& m : Inbox(ana)) alerts += m.kind == "shift.empty_slots";
  EXPECT_EQ(alerts, 1);  // ...and Riverside's alert went out all the same
}

TEST_F(NotificationsTest, EachPersonChoosesTheirReminders) {
  Shift shift = Kitchen();
  Caller ana = Join("ana");
  EXPECT_EQ(app_.notifications.SetReminderOffsets(ana, {minutes(2)}).status().fields().at(0).field,
            "offsets_minutes[0]");
  ASSERT_TRUE(app_.notifications.SetReminderOffsets(ana, {minutes(30)}).ok());
  ASSERT_TRUE(app_.shifts.SignUp(ana, shift.id, shift.details.dtstart, "cook", false).ok());
  const Timestamp start = Timestamp(Seconds(1'790'179'200));
  clock_.Advance(start - hours(1) - clock_.Now());
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  EXPECT_TRUE(Inbox(ana).empty());
  clock_.Advance(minutes(30));
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  EXPECT_EQ(Inbox(ana).size(), 1u);
}

TEST_F(NotificationsTest, EmptySlotAlertsGoToMembersWhoAreFree) {
  Shift shift = Kitchen();
  Caller ana = Join("ana"), bo = Join("bo");
  ShiftDetails other;
  other.name = "Rides";
  other.place = "Depot";
  other.dtstart = *schedule::ParseLocalTime("t", "20260923T190000");
  other.slots = {{"driver", "", 0, 3}};
  Result<Shift> rides = app_.shifts.Create(coordinator_, "riverside", other);
  ASSERT_TRUE(rides.ok());
  ASSERT_TRUE(app_.shifts.SignUp(bo, rides->id, other.dtstart, "driver", false).ok());  // busy then
  clock_.Advance(hours(24));  // the kitchen is now within 48 hours and has no cook
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  auto alerts = [&](const Caller& who) {
    int n = 0;
    for (const auto& m : Inbox(who)) n += m.kind == "shift.empty_slots";
    return n;
  };
  EXPECT_EQ(alerts(ana), 1);
  EXPECT_EQ(alerts(bo), 0);
  EXPECT_EQ(alerts(coordinator_), 1);
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  EXPECT_EQ(alerts(ana), 1);
}

TEST_F(NotificationsTest, EmptySlotAlertsForAQualifiedSlotGoOnlyToThoseWhoHoldIt) {
  ShiftDetails clinic;
  clinic.name = "Street clinic";
  clinic.place = "Square";
  clinic.dtstart = *schedule::ParseLocalTime("t", "20260923T100000");
  clinic.slots = {{"helper", "", 1, 2}, {"medic", "First aid certificate", 1, 1}};
  Result<Shift> shift = app_.shifts.Create(coordinator_, "riverside", clinic);
  ASSERT_TRUE(shift.ok()) << shift.status().ToString();
  // Cy confirmed holding the certificate by taking a medic's place on a later desk, beyond the alerts' 48 hours.
  ShiftDetails desk = clinic;
  desk.name = "First aid desk";
  desk.dtstart = *schedule::ParseLocalTime("t", "20260930T100000");
  desk.slots = {{"medic", "first aid certificate", 0, 1}};
  Result<Shift> later = app_.shifts.Create(coordinator_, "riverside", desk);
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  Caller ana = Join("ana"), bo = Join("bo"), cy = Join("cy");
  ASSERT_TRUE(app_.shifts.SignUp(cy, later->id, desk.dtstart, "medic", /*qualified=*/true).ok());
  // Bo lists it as a skill on an offer.
  OfferDetails offer;
  offer.category = "medical";
  offer.description = "First aid at events";
  offer.skills = {"first aid CERTIFICATE"};
  ASSERT_TRUE(app_.offers.Create(bo, "riverside", offer).ok());
  clock_.Advance(hours(24));
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  auto alert = [&](const Caller& who) {
    for (const auto& m : Inbox(who)) {
      if (m.kind == "shift.empty_slots") return m.body;
    }
    return std::string("none");
  };
  EXPECT_NE(alert(ana).find("still needs 1 helper. "), std::string::npos) << alert(ana);
  EXPECT_NE(alert(bo).find("still needs 1 helper, 1 medic (First aid certificate)."), std::string::npos) << alert(bo);
  EXPECT_NE(alert(cy).find("1 medic (First aid certificate)"), std::string::npos) << alert(cy);

  // Once the helper's place is taken, only the medic's slot is short: Ana is not called on for it.
  Caller dee = Join("dee");
  ASSERT_TRUE(app_.shifts.SignUp(ana, shift->id, clinic.dtstart, "helper", false).ok());
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  EXPECT_EQ(alert(dee), "none");
}

TEST_F(NotificationsTest, DeliveryNeedsTheHubsMailServerAndRecordsFailures) {
  Shift shift = Kitchen();
  Caller ana = Join("ana");
  ASSERT_TRUE(app_.shifts.SignUp(ana, shift.id, shift.details.dtstart, "cook", false).ok());
  clock_.Advance(hours(30));
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  RecordingSender sender;
  EXPECT_EQ(*app_.notifications.Deliver(sender), 0);  // no mail server yet: stays in the app
  EXPECT_EQ(app_.notifications.SetSmtp(ana, "riverside", SmtpSettings{"smtp.example.org", 587, "s@example.org", "", ""})
                .status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(app_.notifications.SetSmtp(coordinator_, "riverside", SmtpSettings{"smtp x", 0, "nope", "", ""})
                .status().fields().size(), 3u);
  ASSERT_TRUE(
      app_.notifications.SetSmtp(coordinator_, "riverside", SmtpSettings{"smtp.example.org", 587, "s@example.org", "", ""})
          .ok());
  sender.fail = true;
  EXPECT_EQ(*app_.notifications.Deliver(sender), 0);
  EXPECT_EQ(Inbox(ana)[0].last_error, "connection refused");
  sender.fail = false;
  EXPECT_EQ(*app_.notifications.Deliver(sender), 1);
  ASSERT_EQ(sender.sent.size(), 2u);
  EXPECT_EQ(sender.sent[1].rfind("smtp.example.org ana@example.org Reminder:", 0), 0u) << sender.sent[1];
  EXPECT_TRUE(Inbox(ana)[0].sent_at.has_value());
  EXPECT_EQ(*app_.notifications.Deliver(sender), 0);
}

TEST_F(NotificationsTest, TheMailServersPasswordIsUsedToSendAndNeverShown) {
  Shift shift = Kitchen();
  Caller ana = Join("ana");
  ASSERT_TRUE(app_.shifts.SignUp(ana, shift.id, shift.details.dtstart, "cook", false).ok());
  SmtpSettings smtp{"smtp.example.org", 587, "s@example.org", "kin", ""};
  EXPECT_EQ(app_.notifications.SetSmtp(coordinator_, "riverside", smtp).status().fields().at(0).field, "password");
  smtp.password = "line\nbreak";
  EXPECT_EQ(app_.notifications.SetSmtp(coordinator_, "riverside", smtp).status().fields().at(0).field, "password");
  smtp.password = "s3cret";
  Result<std::optional<SmtpView>> set = app_.notifications.SetSmtp(coordinator_, "riverside", smtp);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_TRUE((*set)->password_set);
  EXPECT_EQ((*set)->settings.password, "");
  Result<std::optional<SmtpView>> seen = app_.notifications.Smtp(ana, "riverside");
  EXPECT_EQ((*seen)->settings.username, "");  // a member sees that mail is on, not the sign-in
  EXPECT_EQ((*seen)->settings.password, "");
  EXPECT_TRUE((*seen)->password_set);
  EXPECT_EQ((*app_.notifications.Smtp(coordinator_, "riverside"))->settings.username, "kin");
  // A new host without a password keeps the stored one.
  smtp.host = "mail.example.org";
  smtp.password = "";
  ASSERT_TRUE(app_.notifications.SetSmtp(coordinator_, "riverside", smtp, /*keep_password=*/true).ok());
  clock_.Advance(hours(30));
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  struct Capture : MessageSender {
    Status Send(const SmtpSettings& server, const std::string&, const std::string&, const std::string&) override {
      used.push_back(server);
      return Status::Ok();
    }
    std::vector<SmtpSettings> used;
  } capture;
  ASSERT_GE(*app_.notifications.Deliver(capture), 1);
  EXPECT_EQ(capture.used[0].host, "mail.example.org");
  EXPECT_EQ(capture.used[0].username, "kin");
  EXPECT_EQ(capture.used[0].password, "s3cret");
  // Without keeping it, no password with a username is an error, and the stored one stays.
  EXPECT_FALSE(app_.notifications.SetSmtp(coordinator_, "riverside", smtp).ok());
  EXPECT_TRUE((*app_.notifications.Smtp(ana, "riverside"))->password_set);
  // Dropping the sign-in drops the password.
  smtp.username = "";
  ASSERT_TRUE(app_.notifications.SetSmtp(coordinator_, "riverside", smtp, /*keep_password=*/true).ok());
  EXPECT_FALSE((*app_.notifications.Smtp(ana, "riverside"))->password_set);
}

TEST_F(NotificationsTest, MessagesWithoutAnAddressLeaveTheQueueAndDoNotBlockOthers) {
  Shift shift = Kitchen();
  Caller ana = Join("ana");
  ProfileUpdate no_email;
  no_email.contact = Contact{};
  ASSERT_TRUE(app_.accounts.UpdateProfile(ana, no_email).ok());
  ASSERT_TRUE(app_.shifts.SignUp(ana, shift.id, shift.details.dtstart, "cook", false).ok());
  ASSERT_TRUE(
      app_.notifications.SetSmtp(coordinator_, "riverside", SmtpSettings{"smtp.example.org", 587, "s@example.org", "", ""})
          .ok());
  clock_.Advance(hours(30));  // Ana's reminder, and empty-slot alerts (none: Ana fills the minimum)
  ASSERT_TRUE(app_.shifts.QueueDueNotifications().ok());
  RecordingSender sender;
  EXPECT_EQ(*app_.notifications.Deliver(sender, 1), 0);
  EXPECT_TRUE(sender.sent.empty());
  EXPECT_EQ(Inbox(ana)[0].attempts, 5);
  EXPECT_FALSE(Inbox(ana)[0].last_error.empty());
}

}  // namespace
}  // namespace kin
