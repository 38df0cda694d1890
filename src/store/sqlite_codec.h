// Encodings of values the SQLite schema keeps in one column: lists, sealed contact details and cursors.
// No JSON: these are small, private formats that only this folder reads.
#ifndef KIN_STORE_SQLITE_CODEC_H_
#define KIN_STORE_SQLITE_CODEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/contact.h"
#include "core/geo.h"
#include "core/status.h"

namespace kin::sqlite {

// "<byte length>:<bytes>" per element, e.g. {"en", "es"} -> "2:en2:es". Any byte may appear in an element.
std::string EncodeList(const std::vector<std::string>& items);
Result<std::vector<std::string>> DecodeList(std::string_view text);

// Binary, versioned, length-prefixed plaintext of a contact, for SecretBox::Seal. Never stored unsealed.
std::string EncodeContact(const Contact& contact);
Result<Contact> DecodeContact(std::string_view bytes);

// A need's private part: its exact location and the requester's contact.
struct NeedPrivate {
  std::optional<LatLon> location;
  Contact contact;
};
std::string EncodeNeedPrivate(const NeedPrivate& p);
Result<NeedPrivate> DecodeNeedPrivate(std::string_view bytes);

// Cursors are the decimal `seq` of the last row of a page. Clients must treat them as opaque.
std::string EncodeCursor(int64_t seq);
std::optional<int64_t> DecodeCursor(std::string_view cursor);  // nullopt unless a valid, non-empty cursor

}  // namespace kin::sqlite

#endif  // KIN_STORE_SQLITE_CODEC_H_
