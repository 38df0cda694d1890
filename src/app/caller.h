// Who is asking: a signed-in member, or nobody (the public intake and public pages).
#ifndef KIN_APP_CALLER_H_
#define KIN_APP_CALLER_H_

#include <optional>
#include <string>

#include "core/ids.h"

namespace kin {

struct Caller {
  std::optional<MemberId> member;  // empty: anonymous

  bool anonymous() const { return !member.has_value(); }
  // The actor recorded in the event log.
  std::string actor() const { return member ? member->value : "public"; }
};

}  // namespace kin

#endif  // KIN_APP_CALLER_H_
