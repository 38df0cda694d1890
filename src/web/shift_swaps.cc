#include "web/shift_swaps.h"

#include "web/assets.h"
#include "web/shift_web.h"

namespace kin::web {
namespace {

mustache::data PlaceLink(Lang lang, const MyPlace& p) {
  mustache::data d;
  d.set("what", SwapPlaceText(lang, p));
  d.set("href", OccurrencePath(p.signup.shift, p.signup.occurrence));
  return d;
}

}  // namespace

std::string SwapPlaceText(Lang lang, const MyPlace& p) {
  const auto duration = std::chrono::duration_cast<Minutes>(p.signup.end - p.signup.start);
  return Translate(lang, "shifts.swap_place", {{"name", p.shift_name},
                                               {"when", ShiftWhen(lang, p.signup.local_start, duration)},
                                               {"role", p.signup.role}});
}

mustache::data SwapCard(Lang lang, const MyPlaceSwap& s, const std::string& other_name) {
  mustache::data d;
  d.set("id", s.swap.id.value);
  d.set("incoming", mustache::data(s.incoming));
  const bool exchange = s.exchange.has_value();
  std::string key = s.incoming ? "shifts.swap_incoming" : "shifts.swap_outgoing";
  if (exchange) key += "_exchange";
  d.set("text", Translate(lang, key, {{"name", other_name}}));
  // The one asked gets the offered place and gives theirs back; the proposer the other way round.
  const MyPlace* give = s.incoming ? (exchange ? &*s.exchange : nullptr) : &s.offered;
  const MyPlace* get = s.incoming ? &s.offered : (exchange ? &*s.exchange : nullptr);
  if (give) d.set("give", PlaceLink(lang, *give));
  if (get) d.set("get", PlaceLink(lang, *get));
  d.set("gone", mustache::data(!s.still_possible));
  d.set("can_accept", mustache::data(s.incoming && s.still_possible));
  d.set("accept", Translate(lang, exchange ? "shifts.swap_accept_exchange" : "shifts.swap_accept"));
  return d;
}

mustache::data SwapCardsPartial() {
  return mustache::partial([] { return std::string(AssetText("templates/swap_cards.mustache")); });
}

}  // namespace kin::web
