#include "federation/contact_handover.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kin::federation {
namespace {

Contact Someone() {
  Contact c;
  c.preferred = ContactMethod::kSms;
  c.phone = "+52 55 1234 5678";
  c.email = "a@example.org";
  c.address = "Av. Insurgentes 10";
  c.exact_location = LatLon{19.4326, -99.1332};
  return c;
}

TEST(ContactHandover, OnlyTheRecipientOpensItAndOnlyForItsEscalation) {
  ContactKeyPair taker = GenerateContactKeyPair();
  ContactKeyPair relay = GenerateContactKeyPair();
  auto sealed = SealContact(Someone(), "https://a/needs/1", taker.public_key);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("Insurgentes"), std::string::npos);

  auto opened = OpenContact(*sealed, "https://a/needs/1", taker);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, Someone());

  EXPECT_FALSE(OpenContact(*sealed, "https://a/needs/1", relay).ok());
  auto elsewhere = OpenContact(*sealed, "https://a/needs/2", taker);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.status().fields().at(0).field, "sealed_contact");
}

TEST(ContactHandover, ATamperedBoxDoesNotOpen) {
  ContactKeyPair taker = GenerateContactKeyPair();
  std::string sealed = *SealContact(Someone(), "e", taker.public_key);
  sealed[10] = sealed[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(OpenContact(sealed, "e", taker).ok());
  EXPECT_FALSE(OpenContact("not base64 !!", "e", taker).ok());
}

TEST(ContactHandover, SealingTwiceGivesDifferentCiphertexts) {
  ContactKeyPair taker = GenerateContactKeyPair();
  EXPECT_NE(*SealContact(Someone(), "e", taker.public_key), *SealContact(Someone(), "e", taker.public_key));
}

TEST(ContactKey, IsPublishedInTheActorDocumentAndReadBack) {
  ContactKeyPair keys = GenerateContactKeyPair();
  const std::string actor = "https://kin.example/hubs/lavapies";
  boost::json::object doc{{"id", actor}, {"type", "Group"}, {"contactKey", ContactKeyJson(actor, keys.public_key)}};
  auto read = ReadContactKey(doc, actor);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, keys.public_key);

  EXPECT_EQ(ReadContactKey(boost::json::object{{"id", actor}}, actor).status().fields().at(0).field, "contactKey");
  auto other = ReadContactKey(doc, "https://evil.example/hubs/x");
  EXPECT_EQ(other.status().fields().at(0).field, "contactKey.owner");
  doc["contactKey"].as_object()["publicKeyBase64"] = "c2hvcnQ=";
  EXPECT_EQ(ReadContactKey(doc, actor).status().fields().at(0).field, "contactKey.publicKeyBase64");
}

TEST(ContactKey, SealingToAMalformedKeyIsRefused) {
  EXPECT_FALSE(SealContact(Someone(), "e", "short").ok());
}

}  // namespace
}  // namespace kin::federation
