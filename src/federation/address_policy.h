// Which network addresses federation may connect to. Anyone can make this server fetch a URL (a signature's
// keyId, an actor id, a handle a coordinator types, an inbox in an actor document), so without this check a
// stranger could make it reach the loopback interface, the hub's LAN or a cloud metadata service (server-side
// request forgery). The transport asks `ClassifyAddress` about the address it is about to connect to, after DNS,
// so a name that resolves (or re-resolves) to a private address is refused too. Pure: no I/O.
#ifndef KIN_FEDERATION_ADDRESS_POLICY_H_
#define KIN_FEDERATION_ADDRESS_POLICY_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kin::federation {

struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // network order; an IPv4 address uses the first 4

  static IpAddress V4(const uint8_t (&b)[4]);
  static IpAddress V6(const uint8_t (&b)[16]);
};

// "192.0.2.1" or "2001:db8::1" (no brackets, no zone, no port); nullopt for anything else, host names included.
std::optional<IpAddress> ParseIpAddress(std::string_view text);
// The text form ("192.0.2.1", "2001:db8::1") for messages.
std::string ToString(const IpAddress& address);

enum class AddressScope {
  kPublic,       // the only scope federation connects to by default
  kUnspecified,  // 0.0.0.0, 0.0.0.0/8 ("this network"), ::
  kLoopback,     // 127.0.0.0/8, ::1
  kPrivate,      // RFC 1918: 10/8, 172.16/12, 192.168/16; and the deprecated IPv6 site-local fec0::/10
  kSharedNat,    // carrier-grade NAT, 100.64.0.0/10 (RFC 6598)
  kLinkLocal,    // 169.254.0.0/16 (where cloud metadata services answer), fe80::/10
  kUniqueLocal,  // fc00::/7
  kMulticast,    // 224.0.0.0/4, ff00::/8
  kReserved,     // 240.0.0.0/4 and the broadcast address 255.255.255.255, 192.0.0.0/24, 198.18.0.0/15
};

// The scope of `address`. An IPv6 address that embeds an IPv4 one (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible
// ::a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::) has the scope of
// the IPv4 address, so wrapping 127.0.0.1 in IPv6 does not get past. Local-use NAT64 (64:ff9b:1::/48) and Teredo
// (2001::/32), which reach IPv4 hosts in other ways, are reserved.
AddressScope ClassifyAddress(const IpAddress& address);

// "loopback", "private", ... for messages.
std::string_view ScopeName(AddressScope scope);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_ADDRESS_POLICY_H_
