#include "store/sqlite_codec.h"

#include <gtest/gtest.h>

#include "store/store.h"

namespace kin::sqlite {
namespace {

TEST(SqliteCodec, ListRoundTripsAnyBytes) {
  for (const std::vector<std::string>& list : std::vector<std::vector<std::string>>{
           {}, {""}, {"en", "es"}, {"a:b", "12:x", std::string("nul\0in", 6), "wheelchair lift"}}) {
    Result<std::vector<std::string>> back = DecodeList(EncodeList(list));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, list);
  }
}

TEST(SqliteCodec, MalformedListIsAnError) {
  for (const char* bad : {"x", "3:ab", ":a", "-1:a", "2", "1:a1"}) {
    EXPECT_FALSE(DecodeList(bad).ok()) << bad;
  }
}

TEST(SqliteCodec, ContactRoundTrips) {
  Contact c{ContactMethod::kSms, "+52 55 1234 5678", "a@b.mx", "Calle 5 #12", LatLon{19.43, -99.13}};
  Result<Contact> back = DecodeContact(EncodeContact(c));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, c);
  Result<Contact> empty = DecodeContact(EncodeContact(Contact{}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(SqliteCodec, TruncatedOrPaddedContactIsAnError) {
  std::string bytes = EncodeContact(Contact{ContactMethod::kPhone, "123", "", "", std::nullopt});
  EXPECT_FALSE(DecodeContact(bytes.substr(0, bytes.size() - 1)).ok());
  EXPECT_FALSE(DecodeContact(bytes + "x").ok());
  EXPECT_FALSE(DecodeNeedPrivate(bytes).ok());
}

TEST(SqliteCodec, NeedPrivateRoundTrips) {
  NeedPrivate p{LatLon{-33.45, -70.66}, Contact{ContactMethod::kEmail, "", "x@y.cl", "", std::nullopt}};
  Result<NeedPrivate> back = DecodeNeedPrivate(EncodeNeedPrivate(p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->location, p.location);
  EXPECT_EQ(back->contact, p.contact);
}

TEST(SqliteCodec, CursorsAcceptOnlyWhatListsProduce) {
  EXPECT_TRUE(IsValidCursor(""));
  EXPECT_TRUE(IsValidCursor(EncodeCursor(1)));
  EXPECT_TRUE(IsValidCursor(EncodeCursor(987654321)));
  for (const char* bad : {"0", "-1", "01", "abc", "12a", " 1", "+5", "9999999999999999999"}) {
    EXPECT_FALSE(IsValidCursor(bad)) << bad;
  }
  EXPECT_EQ(DecodeCursor(EncodeCursor(42)), 42);
}

}  // namespace
}  // namespace kin::sqlite
