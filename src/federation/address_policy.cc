#include "federation/address_policy.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace kin::federation {
namespace {

AddressScope ClassifyV4(const uint8_t* b) {
  uint8_t a = b[0], c = b[1];
  if (a == 0) return AddressScope::kUnspecified;
  if (a == 127) return AddressScope::kLoopback;
  if (a == 10 || (a == 172 && (c & 0xf0) == 16) || (a == 192 && c == 168)) return AddressScope::kPrivate;
  if (a == 100 && (c & 0xc0) == 64) return AddressScope::kSharedNat;
  if (a == 169 && c == 254) return AddressScope::kLinkLocal;
  if ((a & 0xf0) == 224) return AddressScope::kMulticast;
  if ((a & 0xf0) == 240) return AddressScope::kReserved;  // includes 255.255.255.255
  if (a == 192 && c == 0 && b[2] == 0) return AddressScope::kReserved;
  if (a == 198 && (c & 0xfe) == 18) return AddressScope::kReserved;
  return AddressScope::kPublic;
}

bool AllZero(const uint8_t* b, size_t n) {
  return std::all_of(b, b + n, [](uint8_t x) { return x == 0; });
}

}  // namespace

IpAddress IpAddress::V4(const uint8_t (&b)[4]) {
  IpAddress a;
  std::memcpy(a.bytes.data(), b, 4);
  return a;
}

IpAddress IpAddress::V6(const uint8_t (&b)[16]) {
  IpAddress a;
  a.v6 = true;
  std::memcpy(a.bytes.data(), b, 16);
  return a;
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  std::string s(text);
  uint8_t v4[4];
  if (inet_pton(AF_INET, s.c_str(), v4) == 1) return IpAddress::V4(v4);
  uint8_t v6[16];
  if (inet_pton(AF_INET6, s.c_str(), v6) == 1) return IpAddress::V6(v6);
  return std::nullopt;
}

std::string ToString(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(address.v6 ? AF_INET6 : AF_INET, address.bytes.data(), text, sizeof text);
  return text;
}

AddressScope ClassifyAddress(const IpAddress& address) {
  const uint8_t* b = address.bytes.data();
  if (!address.v6) return ClassifyV4(b);
  if (AllZero(b, 16)) return AddressScope::kUnspecified;
  if (AllZero(b, 15) && b[15] == 1) return AddressScope::kLoopback;
  // IPv4-mapped ::ffff:0:0/96 and IPv4-compatible ::/96: the socket reaches the IPv4 address.
  if (AllZero(b, 10) && b[10] == 0xff && b[11] == 0xff) return ClassifyV4(b + 12);
  if (AllZero(b, 12)) return ClassifyV4(b + 12);
  // IPv4-translated ::ffff:0:0:0/96 (SIIT) reaches the IPv4 address too.
  if (AllZero(b, 8) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0) return ClassifyV4(b + 12);
  // NAT64 64:ff9b::/96 and 6to4 2002::/16 route to the IPv4 address they carry.
  static const uint8_t kNat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kNat64, 12) == 0) return ClassifyV4(b + 12);
  if (b[0] == 0x20 && b[1] == 0x02) return ClassifyV4(b + 2);
  // Local-use NAT64 64:ff9b:1::/48 (RFC 8215) may carry an IPv4 address at several offsets, and Teredo
  // 2001::/32 tunnels to an IPv4 server and client: no peer is reached only that way, so neither is connected to.
  static const uint8_t kLocalNat64[6] = {0x00, 0x64, 0xff, 0x9b, 0x00, 0x01};
  if (std::memcmp(b, kLocalNat64, 6) == 0) return AddressScope::kReserved;
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return AddressScope::kReserved;
  if (b[0] == 0xff) return AddressScope::kMulticast;
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressScope::kLinkLocal;
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressScope::kPrivate;
  if ((b[0] & 0xfe) == 0xfc) return AddressScope::kUniqueLocal;
  return AddressScope::kPublic;
}

std::string_view ScopeName(AddressScope scope) {
  switch (scope) {
    case AddressScope::kPublic: return "public";
    case AddressScope::kUnspecified: return "unspecified";
    case AddressScope::kLoopback: return "loopback";
    case AddressScope::kPrivate: return "private";
    case AddressScope::kSharedNat: return "carrier-grade NAT";
    case AddressScope::kLinkLocal: return "link-local";
    case AddressScope::kUniqueLocal: return "unique local";
    case AddressScope::kMulticast: return "multicast";
    case AddressScope::kReserved: return "reserved";
  }
  return "unknown";
}

}  // namespace kin::federation
