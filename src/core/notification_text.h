// The words of notification messages, in every language kin has texts for (English and Spanish). A message is
// stored as its kind and parameters and rendered here when it is queued, read and sent, so a member who changes
// language reads even old messages in the new one. Pure: local times arrive as text already in the hub's zone.
#ifndef KIN_CORE_NOTIFICATION_TEXT_H_
#define KIN_CORE_NOTIFICATION_TEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kin {

// Named values a message kind fills in; order is kept as given.
using MessageParams = std::vector<std::pair<std::string, std::string>>;

// The value of `key`, or "" when absent.
std::string ParamOf(const MessageParams& params, std::string_view key);

struct MessageText {
  std::string subject;
  std::string body;
};

// Kinds and the parameters each reads (times are local "YYYYMMDDTHHMMSS" with the zone's IANA name in "zone"):
//   shift.reminder          shift, place, role, when, zone, waiting ("1" on the waiting list)
//   shift.empty_slots       shift, place, when, zone, wanted ("2 cook, 1 medic")
//   shift.swap_proposed     to the member asked: who (the proposer's display name; "" once they left), shift,
//                           place, role, when, zone, link (to "my shifts"); for an exchange also ex_shift, ex_place,
//                           ex_role, ex_when (the asked member's place they would give back); src/app also stores
//                           who_member (their id) to show the name they have when the message is read
//   shift.swap_accepted     to the proposer, as shift.swap_proposed with who the member who took it
//   shift.swap_declined     to the proposer, likewise
//   shift.swap_withdrawn    to the member asked, when the proposer takes the offer back; likewise
//   loan.overdue            thing, due, zone
//   stock.low               item, quantity, unit
//   proposal.opened         title, closes, zone (and proposal, its id)
//   proposal.closing_soon   title, closes, zone (and proposal)
//   proposal.closed         title, result ("passed", "failed", "no_quorum", "elected"), winners ("; "-separated),
//                           participants, electorate, quorum (ballots required, "0" for none)
//   council_proposal.opened title, closes, zone, council (its name): to the hub's delegates, who cast its vote
//   council_proposal.closing_soon as council_proposal.opened: to the delegates of a hub that has not voted yet
//   council_proposal.closed as proposal.closed, plus council; participants and electorate count hubs
// nullopt for a kind without texts (the stored subject and body stand). Unknown languages get English.
std::optional<MessageText> RenderMessage(std::string_view kind, const MessageParams& params, std::string_view lang);

// The language a member reads messages in: the first of their languages kin has texts for, else the hub's first
// such language, else "en". Region subtags are ignored ("es-MX" is "es").
std::string MessageLanguage(const std::vector<std::string>& member_languages,
                            const std::vector<std::string>& hub_languages);

// "Mon 2 Mar 2026, 14:00 (Europe/Madrid)" / "lun 2 mar 2026, 14:00 (Europe/Madrid)" from "20260302T140000".
// Text that is not such a time is returned as it is.
std::string ReadableLocalTime(std::string_view local, std::string_view zone, std::string_view lang);

}  // namespace kin

#endif  // KIN_CORE_NOTIFICATION_TEXT_H_
