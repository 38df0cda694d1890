#include "http/json_codec.h"

#include "http/assembly_codec.h"
#include "http/json_library.h"
#include "http/json_stock.h"
#include "http/shift_codec.h"
#include "http/time_format.h"

namespace kin::http {
namespace {

// Reads {"lat": .., "lon": ..}; `key` names it in errors.
std::optional<LatLon> ReadLatLon(ObjectReader& r, std::string_view key) {
  const boost::json::object* obj = r.Object(key);
  if (!obj) return std::nullopt;
  ObjectReader p(*obj, r.Field(key) + ".", r.errors());
  std::optional<double> lat = p.Number("lat", true);
  std::optional<double> lon = p.Number("lon", true);
  p.RejectUnknown();
  if (!lat || !lon) return std::nullopt;
  return LatLon{*lat, *lon};
}

// A nullable LatLon for patches: absent -> nullopt; null -> optional(nullopt); object -> the point.
std::optional<std::optional<LatLon>> ReadLatLonPatch(ObjectReader& r, std::string_view key) {
  if (!r.Has(key)) return std::nullopt;
  if (r.TakeNull(key)) return std::optional<LatLon>();
  std::optional<LatLon> p = ReadLatLon(r, key);
  if (!p) return std::nullopt;
  return std::optional<LatLon>(*p);
}

template <typename Enum, typename Parse>
std::optional<Enum> ReadEnum(ObjectReader& r, std::string_view key, Parse parse, const char* allowed) {
  std::optional<std::string> s = r.String(key);
  if (!s) return std::nullopt;
  std::optional<Enum> e = parse(*s);
  if (!e) r.errors().Add(r.Field(key), std::string("must be one of: ") + allowed);
  return e;
}

std::optional<Timestamp> ReadTime(ObjectReader& r, std::string_view key, bool required) {
  std::optional<std::string> s = r.String(key, required);
  if (!s) return std::nullopt;
  std::optional<Timestamp> t = ParseRfc3339(*s);
  if (!t) r.errors().Add(r.Field(key), "must be an RFC 3339 time such as 2026-11-24T18:00:00Z");
  return t;
}

std::optional<TimeWindow> ReadWindow(ObjectReader& r, std::string_view key) {
  const boost::json::object* obj = r.Object(key);
  if (!obj) return std::nullopt;
  ObjectReader w(*obj, r.Field(key) + ".", r.errors());
  std::optional<Timestamp> start = ReadTime(w, "start", true);
  std::optional<Timestamp> end = ReadTime(w, "end", true);
  w.RejectUnknown();
  if (!start || !end) return std::nullopt;
  return TimeWindow{*start, *end};
}

std::optional<Contact> ReadContact(ObjectReader& r, std::string_view key) {
  const boost::json::object* obj = r.Object(key);
  if (!obj) return std::nullopt;
  ObjectReader c(*obj, r.Field(key) + ".", r.errors());
  Contact contact;
  if (auto m = ReadEnum<ContactMethod>(c, "preferred", ParseContactMethod, "none, phone, sms, email, hotline")) {
    contact.preferred = *m;
  }
  if (auto s = c.String("phone")) contact.phone = *s;
  if (auto s = c.String("email")) contact.email = *s;
  if (auto s = c.String("address")) contact.address = *s;
  contact.exact_location = ReadLatLon(c, "location");
  c.RejectUnknown();
  return contact;
}

// Reads the need fields present in `r` into `patch`; shared by create (then required fields are checked) and
// update.
void ReadNeedFields(ObjectReader& r, NeedPatch& patch, bool create) {
  patch.category = r.String("category", create);
  patch.description = r.String("description", create);
  if (auto q = r.Int("quantity")) patch.quantity = static_cast<int>(std::clamp<int64_t>(*q, -1, 1000000));
  patch.urgency = ReadEnum<Urgency>(r, "urgency", ParseUrgency, "low, normal, high, critical");
  if (r.Has("window")) {
    if (r.TakeNull("window")) {
      patch.window = std::optional<TimeWindow>();
    } else if (auto w = ReadWindow(r, "window")) {
      patch.window = std::optional<TimeWindow>(*w);
    }
  }
  patch.place = r.String("place");
  patch.location = ReadLatLonPatch(r, "location");
  patch.language = r.String("language");
  patch.accessibility = r.String("accessibility");
  patch.contact = ReadContact(r, "contact");
  r.RejectUnknown();
}

void ReadOfferFields(ObjectReader& r, OfferPatch& patch, bool create) {
  patch.category = r.String("category", create);
  patch.description = r.String("description", create);
  if (const boost::json::object* cap = r.Object("capacity")) {
    ObjectReader c(*cap, "capacity.", r.errors());
    Capacity capacity;
    if (auto a = c.Int("amount", true)) capacity.amount = static_cast<int>(std::clamp<int64_t>(*a, -1, 1000000));
    if (auto u = c.String("unit")) capacity.unit = *u;
    if (auto p = ReadEnum<CapacityPeriod>(c, "period", ParseCapacityPeriod, "once, day, week, month")) {
      capacity.period = *p;
    }
    c.RejectUnknown();
    patch.capacity = capacity;
  }
  patch.skills = r.Strings("skills");
  patch.languages = r.Strings("languages");
  if (const boost::json::object* area = r.Object("area")) {
    ObjectReader a(*area, "area.", r.errors());
    patch.area_center = ReadLatLonPatch(a, "center");
    if (auto km = a.Number("radius_km")) patch.area_radius_km = *km;
    a.RejectUnknown();
  }
  patch.availability = r.String("availability");
  r.RejectUnknown();
}

void ReadHubSettingsFields(ObjectReader& r, HubSettingsPatch& patch) {
  patch.name = r.String("name");
  patch.description = r.String("description");
  if (const boost::json::object* area = r.Object("area")) {
    ObjectReader a(*area, "area.", r.errors());
    patch.area_center = ReadLatLonPatch(a, "center");
    if (auto km = a.Number("radius_km")) patch.area_radius_km = *km;
    a.RejectUnknown();
  }
  patch.languages = r.Strings("languages");
  patch.time_zone = r.String("time_zone");
  patch.categories = r.Strings("categories");
  if (auto d = r.Int("retention_days")) patch.retention_days = static_cast<int>(std::clamp<int64_t>(*d, -1, 100000));
  patch.intake_open = r.Bool("intake_open");
  patch.share_description = r.Bool("share_description");
}

template <typename T, typename Fill>
Result<T> Decode(std::string_view body, Fill fill) {
  Result<boost::json::object> obj = ParseJsonObject(body);
  if (!obj.ok()) return obj.status();
  FieldErrors errors;
  ObjectReader r(*obj, "", errors);
  T out{};
  fill(r, out);
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

void WriteLatLon(JsonWriter& w, std::string_view key, const std::optional<LatLon>& p) {
  w.Key(key);
  if (!p) {
    w.Null();
    return;
  }
  w.BeginObject().Field("lat", p->lat).Field("lon", p->lon).EndObject();
}

}  // namespace

Result<HubCreateRequest> DecodeHubCreate(std::string_view body) {
  return Decode<HubCreateRequest>(body, [](ObjectReader& r, HubCreateRequest& out) {
    if (auto slug = r.String("slug", true)) out.slug = *slug;
    HubSettingsPatch patch;
    ReadHubSettingsFields(r, patch);
    if (!patch.name) r.errors().Add("name", "is required");
    r.RejectUnknown();
    patch.ApplyTo(out.settings);
  });
}

Result<HubSettingsPatch> DecodeHubSettingsPatch(std::string_view body) {
  return Decode<HubSettingsPatch>(body, [](ObjectReader& r, HubSettingsPatch& out) {
    ReadHubSettingsFields(r, out);
    r.RejectUnknown();
  });
}

Result<NeedDetails> DecodeNeedDetails(std::string_view body) {
  return Decode<NeedDetails>(body, [](ObjectReader& r, NeedDetails& out) {
    NeedPatch patch;
    ReadNeedFields(r, patch, /*create=*/true);
    patch.ApplyTo(out);
  });
}

Result<NeedPatch> DecodeNeedPatch(std::string_view body) {
  return Decode<NeedPatch>(body, [](ObjectReader& r, NeedPatch& out) { ReadNeedFields(r, out, false); });
}

Result<OfferDetails> DecodeOfferDetails(std::string_view body) {
  return Decode<OfferDetails>(body, [](ObjectReader& r, OfferDetails& out) {
    OfferPatch patch;
    ReadOfferFields(r, patch, /*create=*/true);
    patch.ApplyTo(out);
  });
}

Result<OfferPatch> DecodeOfferPatch(std::string_view body) {
  return Decode<OfferPatch>(body, [](ObjectReader& r, OfferPatch& out) { ReadOfferFields(r, out, false); });
}

Result<ProfileUpdate> DecodeProfileUpdate(std::string_view body) {
  return Decode<ProfileUpdate>(body, [](ObjectReader& r, ProfileUpdate& out) {
    out.display_name = r.String("display_name");
    out.languages = r.Strings("languages");
    out.contact = ReadContact(r, "contact");
    r.RejectUnknown();
  });
}

void WriteHub(JsonWriter& w, const Hub& hub) {
  const HubSettings& s = hub.settings;
  w.BeginObject()
      .Field("id", hub.id.value)
      .Field("slug", hub.slug)
      .Field("name", s.name)
      .Field("description", s.description);
  w.Key("area").BeginObject();
  WriteLatLon(w, "center", s.area_center);
  w.Field("radius_km", s.area_radius_km).EndObject();
  w.Key("languages").Strings(s.languages);
  w.Field("time_zone", s.time_zone);
  w.Key("categories").Strings(s.categories);
  w.Field("retention_days", s.retention_days)
      .Field("intake_open", s.intake_open)
      .Field("share_description", s.share_description)
      .Key("created_at").Time(hub.created_at)
      .EndObject();
}

namespace {

void WriteNeedFields(JsonWriter& w, const Need& n, bool contact_visible) {
  const NeedDetails& d = n.details;
  w.Field("id", n.id.value)
      .Field("hub_id", n.hub.value)
      .Field("status", NeedStatusName(n.status))
      .Field("category", d.category)
      .Field("description", d.description)
      .Field("quantity", d.quantity)
      .Field("urgency", UrgencyName(d.urgency));
  w.Key("window");
  if (d.window) {
    w.BeginObject()
        .Key("start").Time(d.window->start)
        .Key("end").Time(d.window->end)
        .EndObject();
  } else {
    w.Null();
  }
  w.Field("place", d.place);
  WriteLatLon(w, "approximate_location", n.approx_location);
  w.Field("language", d.language).Field("accessibility", d.accessibility).Field("source", NeedSourceName(n.source));
  w.Key("requester_id");
  if (n.requester) {
    w.String(n.requester->value);
  } else {
    w.Null();
  }
  w.Field("contact_visible", contact_visible);
  if (contact_visible) {
    WriteLatLon(w, "location", d.location);
    w.Key("contact")
        .BeginObject()
        .Field("preferred", ContactMethodName(d.contact.preferred))
        .Field("phone", d.contact.phone)
        .Field("email", d.contact.email)
        .Field("address", d.contact.address);
    WriteLatLon(w, "location", d.contact.exact_location);
    w.EndObject();
  }
  w.Key("created_at").Time(n.created_at).Key("updated_at").Time(n.updated_at);
  w.Key("redacted_at");
  if (n.redacted_at) {
    w.Time(*n.redacted_at);
  } else {
    w.Null();
  }
}

}  // namespace

void WriteNeed(JsonWriter& w, const Need& n, bool contact_visible) {
  w.BeginObject();
  WriteNeedFields(w, n, contact_visible);
  w.EndObject();
}

void WriteNeedView(JsonWriter& w, const NeedView& view) {
  w.BeginObject();
  WriteNeedFields(w, view.need, view.contact_visible);
  w.Key("active_match");
  if (view.active_match) {
    WriteMatch(w, *view.active_match);
  } else {
    w.Null();
  }
  w.EndObject();
}

void WriteOffer(JsonWriter& w, const Offer& o) {
  const OfferDetails& d = o.details;
  w.BeginObject()
      .Field("id", o.id.value)
      .Field("hub_id", o.hub.value)
      .Field("member_id", o.member.value)
      .Field("status", OfferStatusName(o.status))
      .Field("category", d.category)
      .Field("description", d.description);
  w.Key("capacity")
      .BeginObject()
      .Field("amount", d.capacity.amount)
      .Field("unit", d.capacity.unit)
      .Field("period", CapacityPeriodName(d.capacity.period))
      .EndObject();
  w.Key("skills").Strings(d.skills);
  w.Key("languages").Strings(d.languages);
  w.Key("area").BeginObject();
  WriteLatLon(w, "center", d.area_center);
  w.Field("radius_km", d.area_radius_km).EndObject();
  w.Field("availability", d.availability)
      .Key("created_at").Time(o.created_at)
      .Key("updated_at").Time(o.updated_at)
      .EndObject();
}

void WriteMatch(JsonWriter& w, const Match& m) {
  w.BeginObject()
      .Field("id", m.id.value)
      .Field("hub_id", m.hub.value)
      .Field("need_id", m.need.value)
      .Field("offer_id", m.offer.value)
      .Field("helper_id", m.helper.value)
      .Field("proposed_by", m.proposed_by.value)
      .Field("origin", MatchOriginName(m.origin))
      .Field("status", MatchStatusName(m.status))
      .Field("note", m.note)
      .Field("reason", m.reason)
      .Key("created_at").Time(m.created_at)
      .Key("updated_at").Time(m.updated_at)
      .EndObject();
}

void WriteMembership(JsonWriter& w, const Membership& m) {
  w.BeginObject().Field("hub_id", m.hub.value).Field("member_id", m.member.value);
  w.Key("roles").Strings(RoleNames(m.roles));
  w.Key("joined_at").Time(m.joined_at).EndObject();
}

void WriteMemberInHub(JsonWriter& w, const MemberInHub& m) {
  w.BeginObject()
      .Field("id", m.member.id.value)
      .Field("handle", m.member.handle)
      .Field("display_name", m.member.display_name);
  w.Key("languages").Strings(m.member.languages);
  w.Key("roles").Strings(RoleNames(m.membership.roles));
  w.Key("joined_at").Time(m.membership.joined_at).EndObject();
}

void WriteProfile(JsonWriter& w, const Profile& p) {
  const Member& m = p.member;
  w.BeginObject()
      .Field("id", m.id.value)
      .Field("handle", m.handle)
      .Field("display_name", m.display_name);
  w.Key("languages").Strings(m.languages);
  w.Key("contact")
      .BeginObject()
      .Field("preferred", ContactMethodName(m.contact.preferred))
      .Field("phone", m.contact.phone)
      .Field("email", m.contact.email)
      .Field("address", m.contact.address);
  WriteLatLon(w, "location", m.contact.exact_location);
  w.EndObject();
  w.Key("memberships").BeginArray();
  for (const Membership& ms : p.memberships) WriteMembership(w, ms);
  w.EndArray();
  w.Key("created_at").Time(m.created_at).EndObject();
}

void WriteEvent(JsonWriter& w, const Event& e) {
  w.BeginObject()
      .Field("seq", static_cast<int64_t>(e.seq))
      .Key("at").Time(e.at)
      .Field("actor", e.actor)
      .Field("type", e.type)
      .Field("subject", e.subject)
      .Field("detail", e.detail)
      .EndObject();
}

void WriteContactAccess(JsonWriter& w, const ContactAccess& a) {
  w.BeginObject()
      .Field("seq", static_cast<int64_t>(a.seq))
      .Field("need_id", a.need.value)
      .Field("reader_id", a.reader.value)
      .Field("reason", a.reason);
  w.Key("at").Time(a.at);
  w.EndObject();
}

void WriteSessionGrant(JsonWriter& w, const SessionGrant& g) {
  w.BeginObject()
      .Field("token", g.token)
      .Field("kind", g.session.kind == SessionKind::kApiToken ? "api_token" : "session")
      .Key("expires_at").Time(g.session.expires_at)
      .Field("member_id", g.member.id.value)
      .Field("handle", g.member.handle)
      .EndObject();
}

}  // namespace kin::http

namespace kin::http {

void WriteSessionInfo(JsonWriter& w, const SessionInfo& info) {
  const Session& s = info.session;
  w.BeginObject()
      .Field("id", info.id)
      .Field("kind", s.kind == SessionKind::kApiToken ? "api_token" : "session")
      .Field("label", s.label);
  w.Key("created_at").Time(s.created_at).Key("expires_at").Time(s.expires_at);
  w.Field("revoked", s.revoked).EndObject();
}

void WriteExport(JsonWriter& w, const PersonalExport& e) {
  w.BeginObject().Key("profile");
  WriteProfile(w, e.profile);
  w.Key("sessions").BeginArray();
  for (const Session& s : e.sessions) WriteSessionInfo(w, {"", s});
  w.EndArray().Key("needs").BeginArray();
  for (const Need& n : e.needs) WriteNeed(w, n, /*contact_visible=*/true);
  w.EndArray().Key("offers").BeginArray();
  for (const Offer& o : e.offers) WriteOffer(w, o);
  w.EndArray().Key("matches").BeginArray();
  for (const Match& m : e.matches) WriteMatch(w, m);
  w.EndArray().Key("contact_reads").BeginArray();
  for (const ContactAccess& a : e.reads) WriteContactAccess(w, a);
  w.EndArray().Key("notifications").BeginObject();
  w.Key("fitting_needs").Bool(e.notify.fitting_needs);
  w.Key("pairings").Bool(e.notify.pairings);
  w.Key("own_needs").Bool(e.notify.own_needs);
  w.EndObject();
  WriteShiftExport(w, e.shifts);  // shift_codec.cc
  w.Key("proposals").BeginArray();
  for (const Proposal& p : e.proposals) WriteProposalView(w, ProposalView{p});
  w.EndArray().Key("open_ballot_votes");
  WriteDelegateVotes(w, e.open_ballot_votes);
  w.Key("took_part_in").BeginArray();
  for (const ProposalId& p : e.took_part_in) w.String(p.value);
  w.EndArray().Key("vouches").BeginArray();
  for (const Vouch& v : e.vouches) {
    w.BeginObject()
        .Field("hub_id", v.hub.value)
        .Field("member_id", v.member.value)
        .Field("voucher_id", v.voucher.value)
        .Key("at")
        .Time(v.at)
        .EndObject();
  }
  w.EndArray();
  std::vector<DelegateView> terms;
  for (const Delegate& d : e.delegate_terms) terms.push_back({d, e.profile.member.display_name});
  w.Key("delegate_terms");
  WriteDelegates(w, terms);
  w.Key("loans").BeginArray();
  for (const Loan& l : e.loans) WriteLoan(w, l);
  w.EndArray().Key("waiting_lists").BeginArray();
  for (const WaitlistEntry& entry : e.waiting) WriteWaitlistEntry(w, entry);
  w.EndArray().Key("stock_moves").BeginArray();
  for (const StockMove& move : e.stock_moves) WriteStockMove(w, move);
  w.EndArray();
  w.EndObject();
}

}  // namespace kin::http
