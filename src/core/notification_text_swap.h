// The texts of the four messages about a shift swap (core/notification_text.h lists their parameters), kept apart
// from the other kinds because each names one or two places and reads differently for a plain offer and an
// exchange. Internal to src/core: RenderMessage calls it.
#ifndef KIN_CORE_NOTIFICATION_TEXT_SWAP_H_
#define KIN_CORE_NOTIFICATION_TEXT_SWAP_H_

#include <optional>
#include <string_view>

#include "core/notification_text.h"

namespace kin {

// nullopt for a kind that is not "shift.swap_proposed", "_accepted", "_declined" or "_withdrawn".
std::optional<MessageText> RenderSwapMessage(std::string_view kind, const MessageParams& params, std::string_view lang);

}  // namespace kin

#endif  // KIN_CORE_NOTIFICATION_TEXT_SWAP_H_
