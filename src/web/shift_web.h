// What the shift pages share: their route groups, how they write times (the hub's wall clock, from the local
// times a shift keeps), their paths, and the app's English refusals as the reader's words.
#ifndef KIN_WEB_SHIFT_WEB_H_
#define KIN_WEB_SHIFT_WEB_H_

#include <optional>
#include <string>
#include <string_view>

#include "app/shifts.h"
#include "web/member_hubs.h"
#include "web/page.h"

namespace kin::web {

void RegisterShiftBoardPages(http::Router& router, WebDeps& deps);  // /h/{slug}/shifts, /shifts/{id}/o/{occurrence}
void RegisterShiftEditPages(http::Router& router, WebDeps& deps);   // shifts/new, /shifts/{id}/edit, shifts/settings
void RegisterMyShiftPages(http::Router& router, WebDeps& deps);     // /me/shifts

// "/shifts/<id>/o/20261125T180000".
std::string OccurrencePath(const ShiftId& shift, LocalSeconds occurrence);

// "Wed 25 Nov 2026, 18:00–21:00" on the hub's wall clock.
std::string ShiftWhen(Lang lang, LocalSeconds start, Minutes duration);
// "Wed 25 Nov 2026".
std::string LocalDay(Lang lang, LocalSeconds t);
// "Wed 25 Nov 2026, 18:00".
std::string LocalWhen(Lang lang, LocalSeconds t);
// The local time of an instant in a zone ("Wed 25 Nov 2026, 06:00"); UTC when the zone is unknown.
std::string InstantWhen(Lang lang, Timestamp t, const std::string& zone);

// "2026-11-25T18:00" for a datetime-local input, and back: "YYYY-MM-DDTHH:MM" (a space for the T and ":SS"
// are accepted, and the iCalendar form YYYYMMDDTHHMMSS too); nullopt when it cannot be read.
std::string LocalInputValue(LocalSeconds t);
std::optional<LocalSeconds> ParseLocalInput(std::string_view text);
// "2026-11-25" <-> the local midnight starting that day.
std::string DateInputValue(LocalSeconds t);
std::optional<LocalSeconds> ParseDateInput(std::string_view text);

// A whole number 0..999999999 as typed; nullopt otherwise.
std::optional<int> WholeNumberInput(const std::string& text);

// What the app said when it refused a shift action, in the reader's language. `start` is the occurrence's start
// and `zone` the hub's, for the refusals that name a time (sign-ups open at..., withdrawing closed at...).
std::string ShiftRefusal(Lang lang, const Status& status, Timestamp start, const std::string& zone,
                         const ShiftPolicy& policy);

// The page for a signed-out caller, a missing hub or a hub the caller is not in (or lacks `coordinator` in).
std::optional<HubRoles> ShiftViewer(PageContext& page, const std::string& slug, bool coordinator,
                                    std::optional<http::Response>& answer);

}  // namespace kin::web

#endif  // KIN_WEB_SHIFT_WEB_H_
