#include "store/sqlite_rows.h"

#include <string>

#include "store/sqlite_codec.h"

namespace kin::sqlite {
namespace {

// Reads columns left to right, so a reader lists fields in the same order as its column macro.
class Cols {
 public:
  Cols(const Stmt& st, int first) : st_(st), col_(first + 1) {}  // skip seq

  std::string Text() { return st_.Text(col_++); }
  std::string Blob() { return st_.Blob(col_++); }
  int64_t Int() { return st_.Int64(col_++); }
  double Real() { return st_.Double(col_++); }
  bool Null() const { return st_.IsNull(col_); }
  Timestamp Time() { return Timestamp{Seconds{Int()}}; }
  std::optional<LatLon> Point() {
    bool null = st_.IsNull(col_) || st_.IsNull(col_ + 1);
    LatLon p{Real(), Real()};
    if (null) return std::nullopt;
    return p;
  }
  std::optional<std::string> OptText() {
    if (Null()) {
      ++col_;
      return std::nullopt;
    }
    return Text();
  }
  void Skip() { ++col_; }

 private:
  const Stmt& st_;
  int col_;
};

int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }

void BindPoint(Stmt& st, int index, const std::optional<LatLon>& p) {
  if (p) {
    st.BindDouble(index, p->lat).BindDouble(index + 1, p->lon);
  } else {
    st.BindNull(index).BindNull(index + 1);
  }
}

Status Bad(const char* table, const std::string& column, const std::string& value) {
  return Status::Internal(std::string(table) + " row has an unreadable " + column + " '" + value + "'");
}

// Parses an enum column by its core name, failing the row rather than guessing.
template <typename T, typename Parse>
bool ParseInto(const std::string& text, Parse parse, T& out) {
  std::optional<T> v = parse(text);
  if (!v) return false;
  out = *v;
  return true;
}

const char* SessionKindName(SessionKind k) { return k == SessionKind::kApiToken ? "api_token" : "session"; }
std::optional<SessionKind> ParseSessionKind(const std::string& s) {
  if (s == "session") return SessionKind::kSession;
  if (s == "api_token") return SessionKind::kApiToken;
  return std::nullopt;
}
const char* InviteKindName(InviteKind k) { return k == InviteKind::kResetPassword ? "reset_password" : "join_hub"; }
std::optional<InviteKind> ParseInviteKind(const std::string& s) {
  if (s == "join_hub") return InviteKind::kJoinHub;
  if (s == "reset_password") return InviteKind::kResetPassword;
  return std::nullopt;
}

std::string Associated(const char* table, const std::string& id) { return std::string(table) + ":" + id; }

}  // namespace

Result<Hub> ReadHub(const Stmt& st, int first) {
  Cols c(st, first);
  Hub h;
  h.id.value = c.Text();
  h.slug = c.Text();
  h.settings.name = c.Text();
  h.settings.description = c.Text();
  h.settings.area_center = c.Point();
  h.settings.area_radius_km = c.Real();
  Result<std::vector<std::string>> languages = DecodeList(c.Text());
  if (!languages.ok()) return languages.status();
  h.settings.languages = std::move(languages).value();
  h.settings.time_zone = c.Text();
  Result<std::vector<std::string>> categories = DecodeList(c.Text());
  if (!categories.ok()) return categories.status();
  h.settings.categories = std::move(categories).value();
  h.settings.retention_days = static_cast<int>(c.Int());
  h.settings.intake_open = c.Int() != 0;
  h.created_at = c.Time();
  h.settings.share_description = c.Int() != 0;
  return h;
}

void BindHub(Stmt& st, const Hub& h) {
  const HubSettings& s = h.settings;
  st.BindText(1, h.id.value).BindText(2, h.slug).BindText(3, s.name).BindText(4, s.description);
  BindPoint(st, 5, s.area_center);
  st.BindDouble(7, s.area_radius_km)
      .BindText(8, EncodeList(s.languages))
      .BindText(9, s.time_zone)
      .BindText(10, EncodeList(s.categories))
      .BindInt64(11, s.retention_days)
      .BindInt64(12, s.intake_open ? 1 : 0)
      .BindInt64(13, Secs(h.created_at))
      .BindInt64(14, s.share_description ? 1 : 0);
}

Result<Member> ReadMember(const Stmt& st, const SecretBox& box, int first) {
  Cols c(st, first);
  Member m;
  m.id.value = c.Text();
  m.handle = c.Text();
  m.display_name = c.Text();
  Result<std::vector<std::string>> languages = DecodeList(c.Text());
  if (!languages.ok()) return languages.status();
  m.languages = std::move(languages).value();
  if (c.Null()) {
    c.Skip();
  } else {
    Result<std::string> plain = box.Open(c.Blob(), Associated("members", m.id.value));
    if (!plain.ok()) return Status::Internal("contact of member " + m.id.value + ": " + plain.status().message());
    Result<Contact> contact = DecodeContact(*plain);
    if (!contact.ok()) return contact.status();
    m.contact = std::move(contact).value();
  }
  m.password_hash = c.Text();
  m.created_at = c.Time();
  return m;
}

void BindMember(Stmt& st, const Member& m, const SecretBox& box) {
  std::optional<std::string> sealed;
  if (!m.contact.empty()) sealed = box.Seal(EncodeContact(m.contact), Associated("members", m.id.value));
  st.BindText(1, m.id.value)
      .BindText(2, m.handle)
      .BindText(3, m.display_name)
      .BindText(4, EncodeList(m.languages))
      .BindBlobOrNull(5, sealed)
      .BindText(6, m.password_hash)
      .BindInt64(7, Secs(m.created_at));
}

Result<Membership> ReadMembership(const Stmt& st, int first) {
  Cols c(st, first);
  Membership m;
  m.hub.value = c.Text();
  m.member.value = c.Text();
  m.roles = Roles(static_cast<uint8_t>(c.Int()));
  m.joined_at = c.Time();
  return m;
}

Result<Need> ReadNeed(const Stmt& st, const SecretBox* box, int first) {
  Cols c(st, first);
  Need n;
  NeedDetails& d = n.details;
  n.id.value = c.Text();
  n.hub.value = c.Text();
  d.category = c.Text();
  d.description = c.Text();
  d.quantity = static_cast<int>(c.Int());
  std::string urgency = c.Text();
  if (!ParseInto(urgency, ParseUrgency, d.urgency)) return Bad("needs", "urgency", urgency);
  if (c.Null()) {
    c.Skip();
    c.Skip();
  } else {
    TimeWindow w;
    w.start = c.Time();
    w.end = c.Time();
    d.window = w;
  }
  d.place = c.Text();
  d.language = c.Text();
  d.accessibility = c.Text();
  if (c.Null() || box == nullptr) {
    c.Skip();
  } else {
    Result<std::string> plain = box->Open(c.Blob(), Associated("needs", n.id.value));
    if (!plain.ok()) return Status::Internal("private details of need " + n.id.value + ": " + plain.status().message());
    Result<NeedPrivate> p = DecodeNeedPrivate(*plain);
    if (!p.ok()) return p.status();
    d.location = p->location;
    d.contact = std::move(p->contact);
  }
  n.approx_location = c.Point();
  std::string status = c.Text();
  if (!ParseInto(status, ParseNeedStatus, n.status)) return Bad("needs", "status", status);
  std::string source = c.Text();
  if (!ParseInto(source, ParseNeedSource, n.source)) return Bad("needs", "source", source);
  if (std::optional<std::string> requester = c.OptText()) n.requester = MemberId{*requester};
  n.status_token_hash = c.OptText().value_or("");
  n.created_at = c.Time();
  n.updated_at = c.Time();
  if (c.Null()) {
    c.Skip();
  } else {
    n.redacted_at = c.Time();
  }
  return n;
}

void BindNeed(Stmt& st, const Need& n, const SecretBox& box) {
  const NeedDetails& d = n.details;
  std::optional<std::string> sealed;
  if (d.location || !d.contact.empty()) {
    sealed = box.Seal(EncodeNeedPrivate({d.location, d.contact}), Associated("needs", n.id.value));
  }
  st.BindText(1, n.id.value)
      .BindText(2, n.hub.value)
      .BindText(3, d.category)
      .BindText(4, d.description)
      .BindInt64(5, d.quantity)
      .BindText(6, UrgencyName(d.urgency));
  if (d.window) {
    st.BindInt64(7, Secs(d.window->start)).BindInt64(8, Secs(d.window->end));
  } else {
    st.BindNull(7).BindNull(8);
  }
  st.BindText(9, d.place).BindText(10, d.language).BindText(11, d.accessibility).BindBlobOrNull(12, sealed);
  BindPoint(st, 13, n.approx_location);
  st.BindText(15, NeedStatusName(n.status))
      .BindText(16, NeedSourceName(n.source))
      .BindTextOrNull(17, n.requester ? n.requester->value : "")
      .BindTextOrNull(18, n.status_token_hash)
      .BindInt64(19, Secs(n.created_at))
      .BindInt64(20, Secs(n.updated_at));
  if (n.redacted_at) {
    st.BindInt64(21, Secs(*n.redacted_at));
  } else {
    st.BindNull(21);
  }
}

Result<Offer> ReadOffer(const Stmt& st, int first) {
  Cols c(st, first);
  Offer o;
  OfferDetails& d = o.details;
  o.id.value = c.Text();
  o.hub.value = c.Text();
  o.member.value = c.Text();
  d.category = c.Text();
  d.description = c.Text();
  d.capacity.amount = static_cast<int>(c.Int());
  d.capacity.unit = c.Text();
  std::string period = c.Text();
  if (!ParseInto(period, ParseCapacityPeriod, d.capacity.period)) return Bad("offers", "capacity_period", period);
  Result<std::vector<std::string>> skills = DecodeList(c.Text());
  if (!skills.ok()) return skills.status();
  d.skills = std::move(skills).value();
  Result<std::vector<std::string>> languages = DecodeList(c.Text());
  if (!languages.ok()) return languages.status();
  d.languages = std::move(languages).value();
  d.area_center = c.Point();
  d.area_radius_km = c.Real();
  d.availability = c.Text();
  std::string status = c.Text();
  if (!ParseInto(status, ParseOfferStatus, o.status)) return Bad("offers", "status", status);
  o.created_at = c.Time();
  o.updated_at = c.Time();
  return o;
}

void BindOffer(Stmt& st, const Offer& o) {
  const OfferDetails& d = o.details;
  st.BindText(1, o.id.value)
      .BindText(2, o.hub.value)
      .BindText(3, o.member.value)
      .BindText(4, d.category)
      .BindText(5, d.description)
      .BindInt64(6, d.capacity.amount)
      .BindText(7, d.capacity.unit)
      .BindText(8, CapacityPeriodName(d.capacity.period))
      .BindText(9, EncodeList(d.skills))
      .BindText(10, EncodeList(d.languages));
  BindPoint(st, 11, d.area_center);
  st.BindDouble(13, d.area_radius_km)
      .BindText(14, d.availability)
      .BindText(15, OfferStatusName(o.status))
      .BindInt64(16, Secs(o.created_at))
      .BindInt64(17, Secs(o.updated_at));
}

Result<Match> ReadMatch(const Stmt& st, int first) {
  Cols c(st, first);
  Match m;
  m.id.value = c.Text();
  m.hub.value = c.Text();
  m.need.value = c.Text();
  m.offer.value = c.OptText().value_or("");
  m.helper.value = c.Text();
  m.proposed_by.value = c.Text();
  std::string origin = c.Text();
  if (!ParseInto(origin, ParseMatchOrigin, m.origin)) return Bad("matches", "origin", origin);
  std::string status = c.Text();
  if (!ParseInto(status, ParseMatchStatus, m.status)) return Bad("matches", "status", status);
  m.note = c.Text();
  m.reason = c.Text();
  m.created_at = c.Time();
  m.updated_at = c.Time();
  return m;
}

void BindMatch(Stmt& st, const Match& m) {
  st.BindText(1, m.id.value)
      .BindText(2, m.hub.value)
      .BindText(3, m.need.value)
      .BindTextOrNull(4, m.offer.value)  // a volunteer may help without a standing offer
      .BindText(5, m.helper.value)
      .BindText(6, m.proposed_by.value)
      .BindText(7, MatchOriginName(m.origin))
      .BindText(8, MatchStatusName(m.status))
      .BindText(9, m.note)
      .BindText(10, m.reason)
      .BindInt64(11, Secs(m.created_at))
      .BindInt64(12, Secs(m.updated_at));
}

Result<Event> ReadEvent(const Stmt& st, int first) {
  Cols c(st, first);
  Event e;
  e.seq = st.Int64(first);
  e.hub.value = c.Text();
  e.at = c.Time();
  e.actor = c.Text();
  e.type = c.Text();
  e.subject = c.Text();
  e.detail = c.Text();
  return e;
}

Result<ContactAccess> ReadContactAccess(const Stmt& st, int first) {
  Cols c(st, first);
  ContactAccess a;
  a.seq = st.Int64(first);
  a.hub.value = c.Text();
  a.need.value = c.Text();
  a.reader.value = c.Text();
  a.reason = c.Text();
  a.at = c.Time();
  return a;
}

Result<Session> ReadSession(const Stmt& st, int first) {
  Cols c(st, first);
  Session s;
  s.token_hash = c.Text();
  s.member.value = c.Text();
  std::string kind = c.Text();
  if (!ParseInto(kind, ParseSessionKind, s.kind)) return Bad("sessions", "kind", kind);
  s.label = c.Text();
  s.created_at = c.Time();
  s.expires_at = c.Time();
  s.revoked = c.Int() != 0;
  return s;
}

void BindSession(Stmt& st, const Session& s) {
  st.BindText(1, s.token_hash)
      .BindText(2, s.member.value)
      .BindText(3, SessionKindName(s.kind))
      .BindText(4, s.label)
      .BindInt64(5, Secs(s.created_at))
      .BindInt64(6, Secs(s.expires_at))
      .BindInt64(7, s.revoked ? 1 : 0);
}

Result<Invite> ReadInvite(const Stmt& st, int first) {
  Cols c(st, first);
  Invite i;
  i.id.value = c.Text();
  i.token_hash = c.Text();
  std::string kind = c.Text();
  if (!ParseInto(kind, ParseInviteKind, i.kind)) return Bad("invites", "kind", kind);
  i.hub.value = c.OptText().value_or("");
  int64_t role = c.Int();
  if (role != 1 && role != 2 && role != 4) return Bad("invites", "role", std::to_string(role));
  i.role = static_cast<Role>(role);
  if (std::optional<std::string> member = c.OptText()) i.member = MemberId{*member};
  i.created_by = c.Text();
  i.created_at = c.Time();
  i.expires_at = c.Time();
  i.uses_left = static_cast<int>(c.Int());
  return i;
}

void BindInvite(Stmt& st, const Invite& i) {
  st.BindText(1, i.id.value)
      .BindText(2, i.token_hash)
      .BindText(3, InviteKindName(i.kind))
      .BindTextOrNull(4, i.hub.value)
      .BindInt64(5, static_cast<int64_t>(i.role))
      .BindTextOrNull(6, i.member ? i.member->value : "")
      .BindText(7, i.created_by)
      .BindInt64(8, Secs(i.created_at))
      .BindInt64(9, Secs(i.expires_at))
      .BindInt64(10, i.uses_left);
}

}  // namespace kin::sqlite
