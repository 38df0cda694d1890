#include "federation/escalation_record_codec.h"

#include <boost/json.hpp>

#include "federation/json_text.h"

namespace kin::federation {
namespace {

namespace json = boost::json;

constexpr EscalationState kStates[] = {
    EscalationState::kOffered,  EscalationState::kAwaitingConfirm, EscalationState::kHandedOver,
    EscalationState::kWithdrawn, EscalationState::kReceived,       EscalationState::kForwarded,
    EscalationState::kAccepted, EscalationState::kWon,             EscalationState::kDeclined,
    EscalationState::kClosed};

json::array Strings(const auto& list) {
  json::array a;
  for (const std::string& s : list) a.emplace_back(s);
  return a;
}

int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }

double Number(const json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  throw std::invalid_argument("not a number");
}

std::string Text(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::object NeedJson(const SharedItem& n) {
  json::object o{{"kind", n.kind == SharedKind::kNeed ? "need" : "offer"},
                 {"local_id", n.local_id},
                 {"category", n.category},
                 {"quantity", n.quantity},
                 {"unit", n.unit},
                 {"period", n.period},
                 {"urgency", n.urgency},
                 {"language", n.language},
                 {"public_text", n.public_text},
                 {"published", Secs(n.published)},
                 {"updated", Secs(n.updated)}};
  if (n.available) o["available"] = *n.available;
  if (n.area) o["area"] = json::object{{"lat", n.area->center.lat}, {"lon", n.area->center.lon},
                                       {"radius_m", n.area->radius_m}};
  return o;
}

SharedItem ReadNeed(const json::object& o) {
  SharedItem n;
  n.kind = Text(o, "kind") == "offer" ? SharedKind::kOffer : SharedKind::kNeed;
  n.local_id = Text(o, "local_id");
  n.category = Text(o, "category");
  n.quantity = Number(o.at("quantity"));
  n.unit = Text(o, "unit");
  n.period = Text(o, "period");
  n.urgency = Text(o, "urgency");
  n.language = Text(o, "language");
  n.public_text = Text(o, "public_text");
  n.published = Timestamp{Seconds{o.at("published").to_number<int64_t>()}};
  n.updated = Timestamp{Seconds{o.at("updated").to_number<int64_t>()}};
  if (const json::value* a = o.if_contains("available")) n.available = Number(*a);
  if (const json::value* a = o.if_contains("area")) {
    const json::object& area = a->as_object();
    n.area = SharedArea{LatLon{Number(area.at("lat")), Number(area.at("lon"))}, Number(area.at("radius_m"))};
  }
  return n;
}

std::vector<std::string> StringList(const json::value& v) {
  std::vector<std::string> out;
  for (const json::value& s : v.as_array()) out.emplace_back(s.as_string());
  return out;
}

}  // namespace

std::optional<EscalationState> ParseEscalationState(const std::string& name) {
  for (EscalationState s : kStates) {
    if (name == EscalationStateName(s)) return s;
  }
  return std::nullopt;
}

std::string EscalationRecordText(const Escalation& e) {
  json::object route;
  for (const auto& [taker, via] : e.route) route[taker] = via;
  json::object o{{"id", e.id},
                 {"role", e.role == EscalationRole::kHome ? "home" : "remote"},
                 {"state", EscalationStateName(e.state)},
                 {"origin", e.origin},
                 {"upstream", e.upstream},
                 {"hops", e.hops},
                 {"seen", Strings(e.seen)},
                 {"need", NeedJson(e.need)},
                 {"downstream", Strings(e.downstream)},
                 {"declined", Strings(e.declined)},
                 {"route", std::move(route)},
                 {"refused_takers", Strings(e.refused_takers)},
                 {"taker", e.taker},
                 {"sent", e.sent},
                 {"opened_at", Secs(e.opened_at)},
                 {"updated_at", Secs(e.updated_at)}};
  return ToJsonText(o);
}

Result<Escalation> ReadEscalationRecord(std::string_view text) {
  try {
    json::object o = json::parse(text).as_object();
    Escalation e;
    e.id = Text(o, "id");
    e.role = Text(o, "role") == "home" ? EscalationRole::kHome : EscalationRole::kRemote;
    std::optional<EscalationState> state = ParseEscalationState(Text(o, "state"));
    if (!state) return Status::Internal("an escalation record has an unknown state");
    e.state = *state;
    e.origin = Text(o, "origin");
    e.upstream = Text(o, "upstream");
    e.hops = o.at("hops").to_number<int>();
    e.seen = StringList(o.at("seen"));
    e.need = ReadNeed(o.at("need").as_object());
    e.downstream = StringList(o.at("downstream"));
    for (std::string& s : StringList(o.at("declined"))) e.declined.insert(std::move(s));
    for (const auto& kv : o.at("route").as_object()) e.route[std::string(kv.key())] = kv.value().as_string();
    for (std::string& s : StringList(o.at("refused_takers"))) e.refused_takers.insert(std::move(s));
    e.taker = Text(o, "taker");
    e.sent = o.at("sent").to_number<uint32_t>();
    e.opened_at = Timestamp{Seconds{o.at("opened_at").to_number<int64_t>()}};
    e.updated_at = Timestamp{Seconds{o.at("updated_at").to_number<int64_t>()}};
    return e;
  } catch (const std::exception& ex) {
    return Status::Internal(std::string("an escalation record cannot be read: ") + ex.what());
  }
}

}  // namespace kin::federation
