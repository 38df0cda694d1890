// How the shift pages show a swap: the places it names in the reader's words, and one open swap as a card that
// says what the reader gives and what they get (both, for an exchange).
#ifndef KIN_WEB_SHIFT_SWAPS_H_
#define KIN_WEB_SHIFT_SWAPS_H_

#include <string>

#include "app/shifts.h"
#include "web/page.h"

namespace kin::web {

// "Community kitchen, Wed 25 Nov 2026, 18:00–21:00, as cook" on the hub's wall clock.
std::string SwapPlaceText(Lang lang, const MyPlace& p);

// One open swap for the swap lists of the occurrence page and "my shifts": id, incoming, text (who offered what
// to whom), give and get ({what, href}; each present when the reader gives or gets a place), and gone (when one
// of the places changed hands or was cancelled, so it can only be closed).
mustache::data SwapCard(Lang lang, const MyPlaceSwap& s, const std::string& other_name);

// The list of such cards (templates/swap_cards.mustache), as `{{> swap_cards}}`: it reads `swaps` and posts to
// `swap_action`.
mustache::data SwapCardsPartial();

}  // namespace kin::web

#endif  // KIN_WEB_SHIFT_SWAPS_H_
