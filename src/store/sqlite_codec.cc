#include "store/sqlite_codec.h"

#include <charconv>
#include <cstring>

#include "store/store.h"

namespace kin::sqlite {
namespace {

constexpr uint8_t kContactFormat = 1;
constexpr uint8_t kNeedPrivateFormat = 1;
constexpr size_t kMaxCursorDigits = 18;  // always fits in int64_t

class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) U8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void F64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) U8(static_cast<uint8_t>(bits >> (8 * i)));
  }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void Point(const std::optional<LatLon>& p) {
    U8(p ? 1 : 0);
    if (p) {
      F64(p->lat);
      F64(p->lon);
    }
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

// Every getter returns false once the input is exhausted or malformed; callers check once at the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool U8(uint8_t& v) {
    if (in_.empty()) return false;
    v = static_cast<uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }
  bool U32(uint32_t& v) {
    v = 0;
    for (int i = 0; i < 4; ++i) {
      uint8_t b;
      if (!U8(b)) return false;
      v |= uint32_t{b} << (8 * i);
    }
    return true;
  }
  bool F64(double& v) {
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) {
      uint8_t b;
      if (!U8(b)) return false;
      bits |= uint64_t{b} << (8 * i);
    }
    std::memcpy(&v, &bits, sizeof v);
    return true;
  }
  bool Str(std::string& s) {
    uint32_t n;
    if (!U32(n) || n > in_.size()) return false;
    s.assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }
  bool Point(std::optional<LatLon>& p) {
    uint8_t has;
    if (!U8(has) || has > 1) return false;
    if (has == 0) {
      p.reset();
      return true;
    }
    LatLon v;
    if (!F64(v.lat) || !F64(v.lon)) return false;
    p = v;
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

void PutContact(ByteWriter& w, const Contact& c) {
  w.U8(kContactFormat);
  w.Str(ContactMethodName(c.preferred));  // by name, so reordering the enum cannot change stored meaning
  w.Str(c.phone);
  w.Str(c.email);
  w.Str(c.address);
  w.Point(c.exact_location);
}

bool GetContact(ByteReader& r, Contact& c) {
  uint8_t format;
  std::string method;
  if (!r.U8(format) || format != kContactFormat || !r.Str(method)) return false;
  std::optional<ContactMethod> m = ParseContactMethod(method);
  if (!m) return false;
  c.preferred = *m;
  return r.Str(c.phone) && r.Str(c.email) && r.Str(c.address) && r.Point(c.exact_location);
}

}  // namespace

std::string EncodeList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += std::to_string(item.size());
    out += ':';
    out += item;
  }
  return out;
}

Result<std::vector<std::string>> DecodeList(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    size_t colon = text.find(':');
    size_t n = 0;
    if (colon == std::string_view::npos || colon == 0) return Status::Internal("stored list is malformed");
    auto [end, ec] = std::from_chars(text.data(), text.data() + colon, n);
    if (ec != std::errc() || end != text.data() + colon || n > text.size() - colon - 1) {
      return Status::Internal("stored list is malformed");
    }
    out.emplace_back(text.substr(colon + 1, n));
    text.remove_prefix(colon + 1 + n);
  }
  return out;
}

std::string EncodeContact(const Contact& contact) {
  ByteWriter w;
  PutContact(w, contact);
  return std::move(w.out());
}

Result<Contact> DecodeContact(std::string_view bytes) {
  ByteReader r(bytes);
  Contact c;
  if (!GetContact(r, c) || !r.done()) return Status::Internal("stored contact is malformed");
  return c;
}

std::string EncodeNeedPrivate(const NeedPrivate& p) {
  ByteWriter w;
  w.U8(kNeedPrivateFormat);
  w.Point(p.location);
  PutContact(w, p.contact);
  return std::move(w.out());
}

Result<NeedPrivate> DecodeNeedPrivate(std::string_view bytes) {
  ByteReader r(bytes);
  NeedPrivate p;
  uint8_t format;
  if (!r.U8(format) || format != kNeedPrivateFormat || !r.Point(p.location) || !GetContact(r, p.contact) ||
      !r.done()) {
    return Status::Internal("stored need details are malformed");
  }
  return p;
}

std::string EncodeCursor(int64_t seq) { return std::to_string(seq); }

std::optional<int64_t> DecodeCursor(std::string_view cursor) {
  if (cursor.empty() || cursor.size() > kMaxCursorDigits || cursor[0] == '0') return std::nullopt;
  int64_t seq = 0;
  auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), seq);
  if (ec != std::errc() || end != cursor.data() + cursor.size() || seq <= 0) return std::nullopt;
  return seq;
}

}  // namespace kin::sqlite

namespace kin {

bool IsValidCursor(const std::string& cursor) { return cursor.empty() || sqlite::DecodeCursor(cursor).has_value(); }

}  // namespace kin
