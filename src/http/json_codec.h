// JSON <-> domain types for the API. The only place that knows the wire shape of hubs, needs, offers, matches,
// members and events (documented in openapi.json).
#ifndef KIN_HTTP_JSON_CODEC_H_
#define KIN_HTTP_JSON_CODEC_H_

#include <string>
#include <string_view>

#include "app/accounts.h"
#include "app/hubs.h"
#include "app/needs.h"
#include "app/offers.h"
#include "app/personal_data.h"
#include "core/event.h"
#include "core/match.h"
#include "http/json_reader.h"
#include "http/json_writer.h"
#include "store/store.h"

namespace kin::http {

struct HubCreateRequest {
  std::string slug;
  HubSettings settings;
};

Result<HubCreateRequest> DecodeHubCreate(std::string_view body);
Result<HubSettingsPatch> DecodeHubSettingsPatch(std::string_view body);
Result<NeedDetails> DecodeNeedDetails(std::string_view body);
Result<NeedPatch> DecodeNeedPatch(std::string_view body);
Result<OfferDetails> DecodeOfferDetails(std::string_view body);
Result<OfferPatch> DecodeOfferPatch(std::string_view body);
Result<ProfileUpdate> DecodeProfileUpdate(std::string_view body);

void WriteHub(JsonWriter& w, const Hub& hub);
void WriteNeed(JsonWriter& w, const Need& need, bool contact_visible);
void WriteNeedView(JsonWriter& w, const NeedView& view);
void WriteOffer(JsonWriter& w, const Offer& offer);
void WriteMatch(JsonWriter& w, const Match& match);
void WriteMembership(JsonWriter& w, const Membership& m);
void WriteMemberInHub(JsonWriter& w, const MemberInHub& m);
void WriteProfile(JsonWriter& w, const Profile& p);
void WriteEvent(JsonWriter& w, const Event& e);
void WriteContactAccess(JsonWriter& w, const ContactAccess& a);
void WriteSessionGrant(JsonWriter& w, const SessionGrant& g);
void WriteSessionInfo(JsonWriter& w, const SessionInfo& s);
void WriteExport(JsonWriter& w, const PersonalExport& e);

// {"items": [...], "next_cursor": "..." or null}
template <typename T, typename WriteItem>
std::string EncodePage(const Page<T>& page, WriteItem write_item) {
  JsonWriter w;
  w.Reserve(64 + 640 * page.items.size());  // about one need's worth per item: one allocation for most pages
  w.BeginObject().Key("items").BeginArray();
  for (const T& item : page.items) write_item(w, item);
  w.EndArray().Key("next_cursor");
  if (page.next.empty()) {
    w.Null();
  } else {
    w.String(page.next);
  }
  w.EndObject();
  return w.Take();
}

}  // namespace kin::http

#endif  // KIN_HTTP_JSON_CODEC_H_
