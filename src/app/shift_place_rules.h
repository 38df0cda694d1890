// Internal to src/app: the checks on places that the actions (shift_places.cc) and the pages' read models
// (shift_pages.cc) share, so a page never offers a choice the action would then refuse.
#ifndef KIN_APP_SHIFT_PLACE_RULES_H_
#define KIN_APP_SHIFT_PLACE_RULES_H_

#include <initializer_list>
#include <optional>
#include <string>

#include "app/caller.h"
#include "core/shift.h"
#include "store/store.h"

namespace kin {

// kConflict naming the shift that overlaps [start, end) among `member`'s places (except `ignore`); `who` ("you"
// or "the other member") starts the message.
Status CheckFree(ReadTx& tx, const MemberId& member, Timestamp start, Timestamp end,
                 std::initializer_list<const SignupId*> ignore, const std::string& who);

// The caller's place `id` when they may offer it to `to` now: theirs (kNotFound for someone else's place in a
// hub they are not in), confirmed and not started, `to` another member of the hub, and no open swap on it yet.
Result<Signup> OfferablePlace(ReadTx& tx, const Caller& caller, const SignupId& id, const MemberId& to,
                              Timestamp now);

// `given` (held by `from`) goes to `to`; `back` (held by `to`), when there is one, goes to `from`. Ok when neither
// then holds two overlapping places and neither goes over the hub's popular-shift cap; kConflict otherwise, worded
// for the one accepting (`to`). Does not check who holds the places or whether they started.
Status CheckSwapFits(ReadTx& tx, const Signup& given, const MemberId& from, const MemberId& to,
                     const std::optional<Signup>& back);

}  // namespace kin

#endif  // KIN_APP_SHIFT_PLACE_RULES_H_
