#include <gtest/gtest.h>

#include "http/json_codec.h"
#include "http/json_reader.h"
#include "http/json_writer.h"
#include "http/time_format.h"

namespace kin::http {
namespace {

std::vector<std::string> FieldsOf(const Status& s) {
  std::vector<std::string> out;
  for (const auto& f : s.fields()) out.push_back(f.field);
  return out;
}

TEST(JsonWriter, WritesNumbersAsPeopleReadThem) {
  JsonWriter w;
  w.BeginObject().Field("lat", 40.57282).Field("n", 3).Field("s", "a\"b\n\x01").Key("x").Null().EndObject();
  EXPECT_EQ(w.str(), R"({"lat":40.57282,"n":3,"s":"a\"b\n\u0001","x":null})");
}

TEST(JsonWriter, NestsArraysAndObjects) {
  JsonWriter w;
  w.BeginArray().BeginObject().Field("a", true).EndObject().Strings({"x", "y"}).EndArray();
  EXPECT_EQ(w.str(), R"([{"a":true},["x","y"]])");
}

TEST(JsonReader, RejectsMalformedJsonAndNonObjects) {
  EXPECT_EQ(ParseJsonObject("{").status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(ParseJsonObject("[1]").status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(ParseJsonObject("").status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(ParseJsonObject("{\"a\":\"\xff\"}").status().kind(), StatusKind::kInvalid);
  EXPECT_TRUE(ParseJsonObject("{\"a\":\"ñ\"}").ok());
}

TEST(NeedCodec, NamesUnknownFieldsWrongTypesAndMissingOnes) {
  Result<NeedDetails> r = DecodeNeedDetails(
      R"({"category": 5, "quantity": "two", "colour": "red", "location": {"lat": 1}, "contact": {"fax": "1"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldsOf(r.status()),
            (std::vector<std::string>{"category", "description", "quantity", "location.lon", "contact.fax",
                                      "colour"}));
}

TEST(NeedCodec, ReadsAFullNeed) {
  Result<NeedDetails> r = DecodeNeedDetails(R"({
    "category": "groceries", "description": "for 4", "quantity": 4, "urgency": "high",
    "window": {"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T12:00:00+01:00"},
    "place": "near the market", "location": {"lat": 40.4, "lon": -3.7}, "language": "es",
    "contact": {"preferred": "sms", "phone": "+34 600"}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->urgency, Urgency::kHigh);
  EXPECT_EQ(r->window->end - r->window->start, Seconds(3600));
  EXPECT_EQ(r->contact.preferred, ContactMethod::kSms);
  EXPECT_DOUBLE_EQ(r->location->lon, -3.7);
}

TEST(NeedCodec, PatchDistinguishesNullFromAbsent) {
  Result<NeedPatch> cleared = DecodeNeedPatch(R"({"location": null})");
  ASSERT_TRUE(cleared.ok());
  ASSERT_TRUE(cleared->location.has_value());
  EXPECT_FALSE(cleared->location->has_value());
  Result<NeedPatch> untouched = DecodeNeedPatch(R"({"place": "x"})");
  ASSERT_TRUE(untouched.ok());
  EXPECT_FALSE(untouched->location.has_value());
}

TEST(TimeFormat, RoundTripsAndRejectsNonsense) {
  std::optional<Timestamp> t = ParseRfc3339("2026-11-24T10:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatRfc3339(*t), "2026-11-24T10:30:00Z");
  EXPECT_EQ(FormatRfc3339(*ParseRfc3339("2026-11-24T10:30:00.123-02:00")), "2026-11-24T12:30:00Z");
  for (const char* bad : {"2026-11-24", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T10:30:00",
                          "2026-11-24T25:00:00Z", "2026-11-24T10:30:00Zjunk"}) {
    EXPECT_FALSE(ParseRfc3339(bad)) << bad;
  }
}

}  // namespace
}  // namespace kin::http

namespace kin::http {
namespace {

TEST(JsonWriter, EscapesAtEveryPositionOfALongString) {
  // The fast path looks at eight bytes at a time; put the character to escape at each offset.
  for (char special : {'"', '\\', '\n', '\x1f'}) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text(20, 'a');
      text[at] = special;
      JsonWriter w;
      w.String(text);
      std::string expected = "\"" + text.substr(0, at);
      switch (special) {
        case '"': expected += "\\\""; break;
        case '\\': expected += "\\\\"; break;
        case '\n': expected += "\\n"; break;
        default: expected += "\\u001f";
      }
      expected += text.substr(at + 1) + "\"";
      EXPECT_EQ(w.str(), expected) << "at " << at;
    }
  }
  JsonWriter utf8;
  utf8.String("ñandú ☃ 𝄞 más texto largo");
  EXPECT_EQ(utf8.str(), "\"ñandú ☃ 𝄞 más texto largo\"");
}

}  // namespace
}  // namespace kin::http
