// Whether a member holds what a shift slot requires ("first aid certificate" for a medic). kin keeps no register
// of certificates (least data): a member holds a qualification when they confirmed holding it by taking a place in
// a slot that states it, or when they list it as a skill on an active offer.
#ifndef KIN_CORE_QUALIFICATION_H_
#define KIN_CORE_QUALIFICATION_H_

#include <string>
#include <string_view>
#include <vector>

namespace kin {

// True when `required` is empty, or equals one of `held` ignoring case (ASCII), surrounding spaces and repeated
// inner spaces.
bool HoldsQualification(std::string_view required, const std::vector<std::string>& held);

}  // namespace kin

#endif  // KIN_CORE_QUALIFICATION_H_
