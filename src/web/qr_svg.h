// A QR code as an inline SVG element, so that a status link can be scanned from a screen or a printout without
// an image request (and within a Content-Security-Policy that allows no inline styles).
#ifndef KIN_WEB_QR_SVG_H_
#define KIN_WEB_QR_SVG_H_

#include <string>
#include <string_view>

namespace kin::web {

// An <svg role="img"> drawing `text` (medium error correction, 4-module quiet zone) labelled `label` for screen
// readers; `label` is escaped. Empty when the text cannot be encoded (longer than a QR code holds).
std::string QrSvg(std::string_view text, std::string_view label);

}  // namespace kin::web

#endif  // KIN_WEB_QR_SVG_H_
