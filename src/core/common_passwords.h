// NIST SP 800-63B 5.1.1.2: refuse passwords found in lists of commonly used or breached passwords. A small
// bundled list (the most common ones of 8+ characters in public breach corpora, plus a few Spanish ones and this
// software's own words) rather than a dictionary file, so every hub has it without a download.
#ifndef KIN_CORE_COMMON_PASSWORDS_H_
#define KIN_CORE_COMMON_PASSWORDS_H_

#include <string_view>

namespace kin {

// True when `password`, with ASCII letters lower-cased, is on the list.
bool IsCommonPassword(std::string_view password);

}  // namespace kin

#endif  // KIN_CORE_COMMON_PASSWORDS_H_
