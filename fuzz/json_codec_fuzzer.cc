// The JSON request decoders of the API (src/http/json_codec.h) and ParseJsonObject (src/http/json_reader.h).
//
// Every input goes through ParseJsonObject and all seven decoders. Properties checked:
//  - failures are kInvalid with a message (never another kind, never an exception or a crash);
//  - an object ParseJsonObject accepts holds only valid UTF-8 (CodePoints and CheckText rely on it), and
//    serialised it parses again (not necessarily equal: Boost.JSON 1.81 reads some doubles one unit in the last
//    place off, its "precise" number mode only came in 1.83);
//  - when ParseJsonObject refuses the body, every decoder refuses it too;
//  - a decoded need or offer, validated as the app would, written back by WriteNeed/WriteOffer, is valid JSON
//    holding exactly the decoded strings, numbers and times (what the API stores is what it shows).
#include <boost/json.hpp>
#include <cmath>
#include <string>

#include "core/contact.h"
#include "core/hub.h"
#include "core/member.h"
#include "core/need.h"
#include "core/offer.h"
#include "core/validation.h"
#include "fuzz_support.h"
#include "http/json_codec.h"
#include "http/json_reader.h"
#include "http/time_format.h"

namespace kin::fuzz {
namespace {

namespace json = boost::json;

// A fixed "now" for validation: 2026-06-01T00:00:00Z.
constexpr Timestamp kNow{std::chrono::seconds(1780272000)};

void CheckFailure(const Status& s, const char* decoder) {
  KIN_FUZZ_CHECK(s.kind() == StatusKind::kInvalid, std::string(decoder) + " failed with " + s.ToString());
  KIN_FUZZ_CHECK(!s.message().empty(), std::string(decoder) + " failed without a message");
}

// Checks that every string and key is valid UTF-8; returns false when a number overflowed to infinity (Boost.JSON
// 1.81 reads 1e400 as inf and serialises it as "Infinity", which is not JSON; kin's own writer prints null, and
// validation refuses such numbers).
bool CheckUtf8Tree(const json::value& v) {
  bool finite = true;
  switch (v.kind()) {
    case json::kind::string:
      KIN_FUZZ_CHECK(IsValidUtf8(std::string_view(v.as_string())), "a parsed string is not valid UTF-8");
      break;
    case json::kind::double_:
      finite = std::isfinite(v.as_double());
      break;
    case json::kind::array:
      for (const json::value& e : v.as_array()) finite = CheckUtf8Tree(e) && finite;
      break;
    case json::kind::object:
      for (const auto& kv : v.as_object()) {
        KIN_FUZZ_CHECK(IsValidUtf8(std::string_view(kv.key())), "a parsed key is not valid UTF-8");
        finite = CheckUtf8Tree(kv.value()) && finite;
      }
      break;
    default:
      break;
  }
  return finite;
}

json::object ParseWritten(const std::string& text, const char* writer) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  KIN_FUZZ_CHECK(!ec, std::string(writer) + " wrote invalid JSON (" + ec.message() + "): " + text);
  KIN_FUZZ_CHECK(v.is_object(), std::string(writer) + " wrote a non-object");
  return v.as_object();
}

void CheckString(const json::object& o, std::string_view key, const std::string& expected, const char* what) {
  const json::value* v = o.if_contains(key);
  KIN_FUZZ_CHECK(v && v->is_string() && v->as_string() == expected,
                 std::string(what) + "." + std::string(key) + " does not read back as written");
}

void CheckStrings(const json::object& o, std::string_view key, const std::vector<std::string>& expected,
                  const char* what) {
  const json::value* v = o.if_contains(key);
  KIN_FUZZ_CHECK(v && v->is_array() && v->as_array().size() == expected.size(),
                 std::string(what) + "." + std::string(key) + " has the wrong length");
  for (size_t i = 0; i < expected.size(); ++i) {
    const json::value& e = v->as_array()[i];
    KIN_FUZZ_CHECK(e.is_string() && e.as_string() == expected[i],
                   std::string(what) + "." + std::string(key) + " does not read back as written");
  }
}

// Equal within two units in the last place: JsonWriter prints the shortest exact form, but Boost.JSON 1.81 may
// read it back one unit off (see above).
bool NearlyEqual(double a, double b) {
  return a == b || std::nextafter(a, b) == b || std::nextafter(std::nextafter(a, b), b) == b;
}

void CheckNumber(const json::value* v, double expected, const std::string& what) {
  KIN_FUZZ_CHECK(v && v->is_number() && NearlyEqual(v->to_number<double>(), expected),
                 what + " does not read back as " + std::to_string(expected));
}

void CheckLatLon(const json::object& o, std::string_view key, const std::optional<LatLon>& p, const char* what) {
  const json::value* v = o.if_contains(key);
  KIN_FUZZ_CHECK(v != nullptr, std::string(what) + "." + std::string(key) + " is missing");
  if (!p) {
    KIN_FUZZ_CHECK(v->is_null(), std::string(what) + "." + std::string(key) + " should be null");
    return;
  }
  KIN_FUZZ_CHECK(v->is_object(), std::string(what) + "." + std::string(key) + " is not an object");
  CheckNumber(v->as_object().if_contains("lat"), p->lat, std::string(what) + ".lat");
  CheckNumber(v->as_object().if_contains("lon"), p->lon, std::string(what) + ".lon");
}

void CheckTime(const json::value* v, Timestamp expected, const std::string& what) {
  KIN_FUZZ_CHECK(v && v->is_string(), what + " is not a string");
  std::optional<Timestamp> back = http::ParseRfc3339(std::string_view(v->as_string()));
  KIN_FUZZ_CHECK(back && *back == expected,
                 what + " was stored as " + std::to_string(expected.time_since_epoch().count()) +
                     " s but is shown as " + std::string(v->as_string()));
}

void RoundTripNeed(const NeedDetails& d) {
  HubSettings hub;
  hub.categories.push_back(d.category);  // any category the decoder let through, so validation goes further
  bool valid = ValidateNeedDetails(d, hub, kNow).ok();
  Need need;  // ids left empty: GCC 12 warns falsely (maybe-uninitialized) on short literals assigned here
  need.details = d;
  need.created_at = need.updated_at = kNow;
  http::JsonWriter w;
  http::WriteNeed(w, need, /*contact_visible=*/true);
  json::object o = ParseWritten(w.str(), "WriteNeed");
  CheckString(o, "category", d.category, "need");
  CheckString(o, "description", d.description, "need");
  CheckString(o, "place", d.place, "need");
  CheckString(o, "language", d.language, "need");
  CheckString(o, "accessibility", d.accessibility, "need");
  const json::value* q = o.if_contains("quantity");
  KIN_FUZZ_CHECK(q && q->is_int64() && q->as_int64() == d.quantity, "need.quantity does not read back");
  const json::value* contact = o.if_contains("contact");
  KIN_FUZZ_CHECK(contact && contact->is_object(), "need.contact is missing");
  CheckString(contact->as_object(), "phone", d.contact.phone, "need.contact");
  CheckString(contact->as_object(), "email", d.contact.email, "need.contact");
  CheckString(contact->as_object(), "address", d.contact.address, "need.contact");
  // Numbers and times are shown as stored only for what validation lets in (it bounds coordinates).
  if (!valid) return;
  CheckLatLon(o, "location", d.location, "need");
  CheckLatLon(contact->as_object(), "location", d.contact.exact_location, "need.contact");
  if (d.window) {
    const json::value* win = o.if_contains("window");
    KIN_FUZZ_CHECK(win && win->is_object(), "need.window is missing");
    CheckTime(win->as_object().if_contains("start"), d.window->start, "need.window.start");
    CheckTime(win->as_object().if_contains("end"), d.window->end, "need.window.end");
  }
}

void RoundTripOffer(const OfferDetails& d) {
  HubSettings hub;
  hub.categories.push_back(d.category);
  bool valid = ValidateOfferDetails(d, hub).ok();
  Offer offer;
  offer.details = d;
  http::JsonWriter w;
  http::WriteOffer(w, offer);
  json::object o = ParseWritten(w.str(), "WriteOffer");
  CheckString(o, "category", d.category, "offer");
  CheckString(o, "description", d.description, "offer");
  CheckString(o, "availability", d.availability, "offer");
  CheckStrings(o, "skills", d.skills, "offer");
  CheckStrings(o, "languages", d.languages, "offer");
  if (!valid) return;
  const json::value* area = o.if_contains("area");
  KIN_FUZZ_CHECK(area && area->is_object(), "offer.area is missing");
  CheckLatLon(area->as_object(), "center", d.area_center, "offer.area");
  CheckNumber(area->as_object().if_contains("radius_km"), d.area_radius_km, "offer.area.radius_km");
}

}  // namespace

int FuzzJsonCodec(const uint8_t* data, size_t size) {
  const std::string_view body = AsText(data, size);

  Result<json::object> object = http::ParseJsonObject(body);
  const bool parsed = object.ok();
  if (parsed && CheckUtf8Tree(json::value(*object))) {
    std::string again = json::serialize(*object);
    Result<json::object> reparsed = http::ParseJsonObject(again);
    KIN_FUZZ_CHECK(reparsed.ok(), "a serialised object does not parse again: " + again);
  } else if (!parsed) {
    CheckFailure(object.status(), "ParseJsonObject");
  }

  // Each decoder: refuses whatever ParseJsonObject refuses; fails only with kInvalid.
  auto decoded = [&](const auto& r, const char* name) {
    if (!r.ok()) {
      CheckFailure(r.status(), name);
      return false;
    }
    KIN_FUZZ_CHECK(parsed, std::string(name) + " accepted a body ParseJsonObject refuses");
    return true;
  };

  if (auto r = http::DecodeNeedDetails(body); decoded(r, "DecodeNeedDetails")) RoundTripNeed(*r);
  if (auto r = http::DecodeNeedPatch(body); decoded(r, "DecodeNeedPatch")) {
    NeedDetails d;
    d.category = "food";
    d.description = "x";
    r->ApplyTo(d);
    RoundTripNeed(d);
  }
  if (auto r = http::DecodeOfferDetails(body); decoded(r, "DecodeOfferDetails")) RoundTripOffer(*r);
  if (auto r = http::DecodeOfferPatch(body); decoded(r, "DecodeOfferPatch")) {
    OfferDetails d;
    r->ApplyTo(d);
    RoundTripOffer(d);
  }
  if (auto r = http::DecodeHubCreate(body); decoded(r, "DecodeHubCreate")) {
    FieldErrors errors;
    ValidateHubSlug(r->slug, errors);
    Status s = ValidateHubSettings(r->settings);
    if (!s.ok()) CheckFailure(s, "ValidateHubSettings");
    Hub hub;
    hub.slug = r->slug;
    hub.settings = r->settings;
    http::JsonWriter w;
    http::WriteHub(w, hub);
    json::object o = ParseWritten(w.str(), "WriteHub");
    CheckString(o, "slug", hub.slug, "hub");
    CheckString(o, "name", hub.settings.name, "hub");
    CheckString(o, "time_zone", hub.settings.time_zone, "hub");
    CheckStrings(o, "categories", hub.settings.categories, "hub");
  }
  if (auto r = http::DecodeHubSettingsPatch(body); decoded(r, "DecodeHubSettingsPatch")) {
    HubSettings settings;
    r->ApplyTo(settings);
    Status s = ValidateHubSettings(settings);
    if (!s.ok()) CheckFailure(s, "ValidateHubSettings");
  }
  if (auto r = http::DecodeProfileUpdate(body); decoded(r, "DecodeProfileUpdate")) {
    FieldErrors errors;
    if (r->display_name) ValidateDisplayName(*r->display_name, errors);
    if (r->contact) ValidateContact(*r->contact, "contact", errors);
    Status s = errors.ToStatus();
    if (!s.ok()) CheckFailure(s, "profile validation");
  }
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzJsonCodec)
