// Notification texts: every kind renders in English and Spanish, local times read naturally in each, and a
// member's language falls back to the hub's, then English.
#include "core/notification_text.h"

#include <gtest/gtest.h>

#include "core/proposal_notice.h"
#include "core/qualification.h"

namespace kin {
namespace {

TEST(NotificationText, LocalTimesReadInEachLanguage) {
  EXPECT_EQ(ReadableLocalTime("20260302T140500", "Europe/Madrid", "en"), "Mon 2 Mar 2026, 14:05 (Europe/Madrid)");
  EXPECT_EQ(ReadableLocalTime("20260302T140500", "Europe/Madrid", "es"), "lun 2 mar 2026, 14:05 (Europe/Madrid)");
  EXPECT_EQ(ReadableLocalTime("20261129T090000", "", "es"), "dom 29 nov 2026, 09:00");
  EXPECT_EQ(ReadableLocalTime("not a time", "UTC", "en"), "not a time");
  EXPECT_EQ(ReadableLocalTime("20260231T090000", "UTC", "en"), "20260231T090000");  // no 31 February
}

TEST(NotificationText, LanguageIsTheMembersThenTheHubsThenEnglish) {
  EXPECT_EQ(MessageLanguage({"es-MX", "en"}, {"en"}), "es");
  EXPECT_EQ(MessageLanguage({"fr", "en"}, {"es"}), "en");
  EXPECT_EQ(MessageLanguage({"fr"}, {"es", "en"}), "es");
  EXPECT_EQ(MessageLanguage({}, {"de"}), "en");
}

TEST(NotificationText, EveryKindHasEnglishAndSpanishTexts) {
  const MessageParams params = {{"shift", "Kitchen"}, {"place", "Hall"},       {"role", "cook"},
                                {"when", "20260302T140000"}, {"zone", "UTC"}, {"wanted", "1 cook"},
                                {"thing", "Drill"},  {"due", "20260302T140000"}, {"title", "Pantry"},
                                {"closes", "20260302T140000"}, {"result", "passed"}, {"participants", "3"},
                                {"electorate", "5"}, {"item", "Rice"}, {"quantity", "2"}, {"unit", "bag"},
                                {"who", "Ana"}, {"link", "/me/shifts"}};
  for (const char* kind : {"shift.reminder", "shift.empty_slots", "loan.overdue", "proposal.opened",
                           "proposal.closing_soon", "proposal.closed", "stock.low", "council_proposal.opened",
                           "council_proposal.closing_soon", "council_proposal.closed", "shift.swap_proposed",
                           "shift.swap_accepted", "shift.swap_declined", "shift.swap_withdrawn"}) {
    std::optional<MessageText> en = RenderMessage(kind, params, "en");
    std::optional<MessageText> es = RenderMessage(kind, params, "es");
    ASSERT_TRUE(en && es) << kind;
    EXPECT_NE(en->subject, es->subject) << kind;
    EXPECT_NE(en->body, es->body) << kind;
    if (std::string(kind) != "proposal.closed" && std::string(kind) != "stock.low" &&
        std::string(kind) != "council_proposal.closed") {
      EXPECT_NE(es->body.find("lun 2 mar 2026"), std::string::npos) << kind << ": " << es->body;
    }
    EXPECT_EQ(RenderMessage(kind, params, "fr")->body, en->body) << kind;
  }
  EXPECT_FALSE(RenderMessage("something.else", params, "en"));
}

TEST(NotificationText, ClosedMessagesSayTheResultAndTheQuorum) {
  MessageParams p = {{"title", "Delegates"}, {"result", "elected"}, {"winners", "Ana; Bo; Cy"},
                     {"participants", "7"},   {"electorate", "9"},  {"quorum", "5"}};
  EXPECT_NE(RenderMessage("proposal.closed", p, "en")->body.find("chose: Ana, Bo and Cy"), std::string::npos);
  EXPECT_NE(RenderMessage("proposal.closed", p, "en")->body.find("the quorum of 5 was met"), std::string::npos);
  EXPECT_NE(RenderMessage("proposal.closed", p, "es")->body.find("Ana, Bo y Cy"), std::string::npos);
  p[1].second = "no_quorum";
  EXPECT_NE(RenderMessage("proposal.closed", p, "en")->body.find("did not reach quorum"), std::string::npos);
  EXPECT_NE(RenderMessage("proposal.closed", p, "es")->body.find("no alcanzó el quórum"), std::string::npos);
  p[1].second = "failed";
  EXPECT_NE(RenderMessage("proposal.closed", p, "es")->body.find("no se aprobó"), std::string::npos);
}

// A swap message names the place offered and, for an exchange, the place asked back; the member asked is told
// where to act on it.
TEST(NotificationText, SwapMessagesNameBothPlacesOfAnExchange) {
  MessageParams p = {{"who", "Ana"},    {"shift", "Kitchen"}, {"place", "Hall"}, {"role", "cook"},
                     {"when", "20260302T140000"}, {"zone", "UTC"}, {"link", "/me/shifts"}};
  MessageText plain = *RenderMessage("shift.swap_proposed", p, "en");
  EXPECT_EQ(plain.subject, "Ana offers you their place: Kitchen, Mon 2 Mar 2026, 14:00 (UTC)");
  EXPECT_EQ(plain.body, "Ana offers you their place as cook on \"Kitchen\" at Hall, Mon 2 Mar 2026, 14:00 (UTC).\n"
                        "To accept or decline, open \"My shifts\" in kin: /me/shifts");
  p.insert(p.end(), {{"ex_shift", "Rides"}, {"ex_place", "Depot"}, {"ex_role", "driver"},
                     {"ex_when", "20260304T090000"}});
  MessageText es = *RenderMessage("shift.swap_proposed", p, "es");
  EXPECT_EQ(es.subject, "Ana te propone un cambio de turno: «Kitchen», lun 2 mar 2026, 14:00 (UTC)");
  EXPECT_EQ(es.body, "Ana te ofrece su lugar como cook en «Kitchen» en Hall, lun 2 mar 2026, 14:00 (UTC), a cambio "
                     "de tu lugar como driver en «Rides» en Depot, mié 4 mar 2026, 09:00 (UTC).\nPara aceptarlo o "
                     "rechazarlo, entra en «Mis turnos» en kin: /me/shifts");
  EXPECT_NE(RenderMessage("shift.swap_accepted", p, "en")->body.find("and you hold theirs as driver on \"Rides\""),
            std::string::npos);
  p[0].second = "";  // the proposer has since left: no name to show
  EXPECT_EQ(RenderMessage("shift.swap_withdrawn", p, "es")->subject.rfind("Alguien que ya dejó el nodo retiró", 0), 0u);
}

TEST(ProposalNotice, ClosingSoonIsADayBeforeOrHalfwayForShortVotes) {
  const Timestamp open{Seconds(1'000'000)};
  EXPECT_EQ(ClosingSoonAt(open, open + Seconds(7 * 86400)), open + Seconds(6 * 86400));
  EXPECT_EQ(ClosingSoonAt(open, open + Seconds(48 * 3600)), open + Seconds(24 * 3600));
  EXPECT_EQ(ClosingSoonAt(open, open + Seconds(3600)), open + Seconds(1800));
}

TEST(ProposalNotice, OutcomeResultWords) {
  Outcome o;
  o.quorum_reached = false;
  o.passes = true;
  EXPECT_EQ(OutcomeResult(o), "no_quorum");
  o.quorum_reached = true;
  EXPECT_EQ(OutcomeResult(o), "passed");
  o.passes = false;
  EXPECT_EQ(OutcomeResult(o), "failed");
  o.winners = {1};
  EXPECT_EQ(OutcomeResult(o), "elected");
}

TEST(Qualification, HeldIgnoringCaseAndSpacesAndEmptyIsHeldByAll) {
  EXPECT_TRUE(HoldsQualification("", {}));
  EXPECT_TRUE(HoldsQualification("First aid  certificate", {"car", " first AID certificate "}));
  EXPECT_FALSE(HoldsQualification("first aid certificate", {"first aid"}));
  EXPECT_FALSE(HoldsQualification("first aid certificate", {}));
}

}  // namespace
}  // namespace kin
