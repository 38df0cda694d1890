// RFC 3339 timestamps at the API boundary. Output is always UTC with a Z; input may carry an offset.
#ifndef KIN_HTTP_TIME_FORMAT_H_
#define KIN_HTTP_TIME_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace kin::http {

std::string FormatRfc3339(Timestamp t);  // "2026-11-24T10:00:00Z"

// The same into `out` without allocating (lists format thousands); returns the 20 characters written.
inline constexpr size_t kRfc3339Length = 20;
void FormatRfc3339(Timestamp t, char (&out)[kRfc3339Length]);

// Accepts "YYYY-MM-DDTHH:MM:SS" with optional fraction (dropped) and "Z" or "+HH:MM"/"-HH:MM". nullopt otherwise.
std::optional<Timestamp> ParseRfc3339(std::string_view text);

}  // namespace kin::http

#endif  // KIN_HTTP_TIME_FORMAT_H_
