#include "federation/address_policy.h"

#include <gtest/gtest.h>

namespace kin::federation {
namespace {

AddressScope ScopeOf(const char* text) {
  std::optional<IpAddress> a = ParseIpAddress(text);
  EXPECT_TRUE(a.has_value()) << text;
  return a ? ClassifyAddress(*a) : AddressScope::kPublic;
}

struct Case {
  const char* address;
  AddressScope scope;
};

TEST(AddressPolicy, ClassifiesEveryIpv4RangeAtItsEdges) {
  const Case cases[] = {
      {"0.0.0.0", AddressScope::kUnspecified},       {"0.255.255.255", AddressScope::kUnspecified},
      {"1.0.0.0", AddressScope::kPublic},            {"9.255.255.255", AddressScope::kPublic},
      {"10.0.0.0", AddressScope::kPrivate},          {"10.255.255.255", AddressScope::kPrivate},
      {"11.0.0.0", AddressScope::kPublic},           {"100.63.255.255", AddressScope::kPublic},
      {"100.64.0.0", AddressScope::kSharedNat},      {"100.127.255.255", AddressScope::kSharedNat},
      {"100.128.0.0", AddressScope::kPublic},        {"126.255.255.255", AddressScope::kPublic},
      {"127.0.0.0", AddressScope::kLoopback},        {"127.0.0.1", AddressScope::kLoopback},
      {"127.255.255.255", AddressScope::kLoopback},  {"128.0.0.0", AddressScope::kPublic},
      {"169.253.255.255", AddressScope::kPublic},    {"169.254.0.0", AddressScope::kLinkLocal},
      {"169.254.169.254", AddressScope::kLinkLocal}, {"169.254.255.255", AddressScope::kLinkLocal},
      {"169.255.0.0", AddressScope::kPublic},        {"172.15.255.255", AddressScope::kPublic},
      {"172.16.0.0", AddressScope::kPrivate},        {"172.31.255.255", AddressScope::kPrivate},
      {"172.32.0.0", AddressScope::kPublic},         {"192.0.0.0", AddressScope::kReserved},
      {"192.0.0.255", AddressScope::kReserved},      {"192.0.1.0", AddressScope::kPublic},
      {"192.167.255.255", AddressScope::kPublic},    {"192.168.0.0", AddressScope::kPrivate},
      {"192.168.255.255", AddressScope::kPrivate},   {"192.169.0.0", AddressScope::kPublic},
      {"198.17.255.255", AddressScope::kPublic},     {"198.18.0.0", AddressScope::kReserved},
      {"198.19.255.255", AddressScope::kReserved},   {"198.20.0.0", AddressScope::kPublic},
      {"223.255.255.255", AddressScope::kPublic},    {"224.0.0.0", AddressScope::kMulticast},
      {"239.255.255.255", AddressScope::kMulticast}, {"240.0.0.0", AddressScope::kReserved},
      {"255.255.255.255", AddressScope::kReserved},  {"8.8.8.8", AddressScope::kPublic},
  };
  for (const Case& c : cases) EXPECT_EQ(ScopeOf(c.address), c.scope) << c.address;
}

TEST(AddressPolicy, ClassifiesEveryIpv6RangeAtItsEdges) {
  const Case cases[] = {
      {"::", AddressScope::kUnspecified},
      {"::1", AddressScope::kLoopback},
      {"fe80::", AddressScope::kLinkLocal},
      {"fe80::1", AddressScope::kLinkLocal},
      {"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressScope::kLinkLocal},
      {"fec0::1", AddressScope::kPrivate},
      {"fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressScope::kPublic},
      {"fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressScope::kPublic},
      {"fc00::", AddressScope::kUniqueLocal},
      {"fd12:3456::1", AddressScope::kUniqueLocal},
      {"fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressScope::kUniqueLocal},
      {"ff00::", AddressScope::kMulticast},
      {"ff02::1", AddressScope::kMulticast},
      {"2001:db8::1", AddressScope::kPublic},
      {"2606:4700:4700::1111", AddressScope::kPublic},
  };
  for (const Case& c : cases) EXPECT_EQ(ScopeOf(c.address), c.scope) << c.address;
}

TEST(AddressPolicy, AnIpv4AddressWrappedInIpv6KeepsItsScope) {
  const Case cases[] = {
      {"::ffff:127.0.0.1", AddressScope::kLoopback},      {"::ffff:7f00:1", AddressScope::kLoopback},
      {"::ffff:10.1.2.3", AddressScope::kPrivate},        {"::ffff:169.254.169.254", AddressScope::kLinkLocal},
      {"::ffff:100.64.0.1", AddressScope::kSharedNat},    {"::ffff:0.0.0.0", AddressScope::kUnspecified},
      {"::ffff:8.8.8.8", AddressScope::kPublic},          {"::127.0.0.1", AddressScope::kLoopback},
      {"::192.168.1.1", AddressScope::kPrivate},          {"::8.8.8.8", AddressScope::kPublic},
      {"64:ff9b::127.0.0.1", AddressScope::kLoopback},    {"64:ff9b::a9fe:a9fe", AddressScope::kLinkLocal},
      {"64:ff9b::8.8.8.8", AddressScope::kPublic},        {"2002:7f00:1::", AddressScope::kLoopback},
      {"2002:c0a8:101::1", AddressScope::kPrivate},       {"2002:808:808::1", AddressScope::kPublic},
      {"::ffff:0:127.0.0.1", AddressScope::kLoopback},    {"::ffff:0:8.8.8.8", AddressScope::kPublic},
      {"64:ff9b:1::7f00:1", AddressScope::kReserved},     {"64:ff9b:1:ffff::1", AddressScope::kReserved},
      {"64:ff9b:2::1", AddressScope::kPublic},            {"2001::7f00:1", AddressScope::kReserved},
      {"2001:0:ffff::1", AddressScope::kReserved},        {"2001:1::1", AddressScope::kPublic},
  };
  for (const Case& c : cases) EXPECT_EQ(ScopeOf(c.address), c.scope) << c.address;
}

TEST(AddressPolicy, ParsesOnlyAddressLiterals) {
  for (const char* bad : {"", "localhost", "example.org", "127.1", "0x7f.0.0.1", "[::1]", "::1%lo", "127.0.0.1:80",
                          "1.2.3.4.5", "256.0.0.1", " 127.0.0.1"}) {
    EXPECT_FALSE(ParseIpAddress(bad).has_value()) << bad;
  }
  EXPECT_EQ(ToString(*ParseIpAddress("::ffff:7f00:1")), "::ffff:127.0.0.1");
  EXPECT_EQ(ToString(*ParseIpAddress("10.0.0.1")), "10.0.0.1");
  EXPECT_EQ(ScopeName(AddressScope::kLinkLocal), "link-local");
}

}  // namespace
}  // namespace kin::federation
