// Typed, opaque identifiers. The value is a random string made by the app layer; core never makes ids.
#ifndef KIN_CORE_IDS_H_
#define KIN_CORE_IDS_H_

#include <compare>
#include <string>

namespace kin {

template <typename Tag>
struct Id {
  std::string value;

  bool empty() const { return value.empty(); }
  auto operator<=>(const Id&) const = default;
};

using HubId = Id<struct HubTag>;
using MemberId = Id<struct MemberTag>;
using NeedId = Id<struct NeedTag>;
using OfferId = Id<struct OfferTag>;
using MatchId = Id<struct MatchTag>;
using InviteId = Id<struct InviteTag>;

}  // namespace kin

#endif  // KIN_CORE_IDS_H_
