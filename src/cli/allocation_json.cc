#include "cli/allocation_json.h"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>

#include "http/json_writer.h"
#include "http/time_format.h"

namespace kin::cli {
namespace {

namespace json = boost::json;
using http::JsonWriter;
using match::Helper;
using match::Need;
using match::Problem;

// Reads typed fields of one JSON object, remembering the first error with its path and the item's id.
class Reader {
 public:
  Reader(const json::object* o, std::string path, std::string who) : o_(o), path_(std::move(path)), who_(std::move(who)) {}

  const json::value* Find(std::string_view key, bool required, Status& s) const {
    const json::value* v = o_->if_contains(key);
    if (!v && required && s.ok()) s = Fail(key, "is required");
    return v;
  }
  Status Fail(std::string_view key, std::string_view message) const {
    std::string field = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    return Status::InvalidField(field, who_ + ": " + std::string(message));
  }
  void String(std::string_view key, std::string& out, bool required, Status& s) const {
    const json::value* v = Find(key, required, s);
    if (!v || !s.ok()) return;
    if (!v->is_string()) { s = Fail(key, "must be a string"); return; }
    out = std::string(v->as_string());
  }
  void Number(std::string_view key, double& out, bool required, Status& s) const {
    const json::value* v = Find(key, required, s);
    if (!v || !s.ok()) return;
    if (v->is_double()) out = v->as_double();
    else if (v->is_int64()) out = static_cast<double>(v->as_int64());
    else if (v->is_uint64()) out = static_cast<double>(v->as_uint64());
    else s = Fail(key, "must be a number");
  }
  void Int(std::string_view key, int32_t& out, bool required, Status& s) const {
    const json::value* v = Find(key, required, s);
    if (!v || !s.ok()) return;
    if (!v->is_int64() || v->as_int64() < -1000000000 || v->as_int64() > 1000000000) {
      s = Fail(key, "must be a whole number");
      return;
    }
    out = static_cast<int32_t>(v->as_int64());
  }
  void Bool(std::string_view key, bool& out, Status& s) const {
    const json::value* v = Find(key, false, s);
    if (!v || !s.ok()) return;
    if (!v->is_bool()) { s = Fail(key, "must be true or false"); return; }
    out = v->as_bool();
  }
  void Strings(std::string_view key, std::vector<std::string>& out, Status& s) const {
    const json::value* v = Find(key, false, s);
    if (!v || !s.ok()) return;
    if (!v->is_array()) { s = Fail(key, "must be an array of strings"); return; }
    for (const json::value& e : v->as_array()) {
      if (!e.is_string()) { s = Fail(key, "must be an array of strings"); return; }
      out.emplace_back(e.as_string());
    }
  }
  void Time(std::string_view key, Timestamp& out, bool required, Status& s) const {
    std::string text;
    String(key, text, required, s);
    if (!s.ok() || text.empty()) return;
    std::optional<Timestamp> t = http::ParseRfc3339(text);
    if (!t) { s = Fail(key, "must be an RFC 3339 time such as 2026-06-02T12:00:00Z"); return; }
    out = *t;
  }
  void Place(std::string_view key, LatLon& out, Status& s) const {
    const json::value* v = Find(key, true, s);
    if (!v || !s.ok()) return;
    if (!v->is_object()) { s = Fail(key, "must be an object with lat and lon"); return; }
    Reader r(&v->as_object(), path_ + "." + std::string(key), who_);
    r.Number("lat", out.lat, true, s);
    r.Number("lon", out.lon, true, s);
  }
  void Window(std::string_view key, TimeWindow& out, bool required, Status& s) const {
    const json::value* v = Find(key, required, s);
    if (!v || !s.ok()) return;
    if (!v->is_object()) { s = Fail(key, "must be an object with start and end"); return; }
    Reader r(&v->as_object(), path_ + "." + std::string(key), who_);
    r.Time("start", out.start, true, s);
    r.Time("end", out.end, true, s);
  }
  const std::string& path() const { return path_; }
  const std::string& who() const { return who_; }
  const json::object& object() const { return *o_; }

 private:
  const json::object* o_;
  std::string path_, who_;
};

const json::array* Array(const json::object& root, const char* key, bool required, Status& s) {
  const json::value* v = root.if_contains(key);
  if (!v) {
    if (required && s.ok()) s = Status::InvalidField(key, "city file: is required");
    return nullptr;
  }
  if (!v->is_array()) {
    if (s.ok()) s = Status::InvalidField(key, "city file: must be an array");
    return nullptr;
  }
  return &v->as_array();
}

// The id of item i for messages, before the item is known to be well formed.
std::string Who(const char* kind, const json::value& v, size_t i) {
  if (v.is_object()) {
    const json::value* id = v.as_object().if_contains("id");
    if (id && id->is_string()) return std::string(kind) + " '" + std::string(id->as_string()) + "'";
  }
  return std::string(kind) + " #" + std::to_string(i + 1);
}

template <typename F>
void Items(const json::array* a, const char* key, const char* kind, Status& s, F&& f) {
  if (!a) return;
  for (size_t i = 0; i < a->size() && s.ok(); ++i) {
    std::string path = std::string(key) + "[" + std::to_string(i) + "]";
    std::string who = Who(kind, (*a)[i], i);
    if (!(*a)[i].is_object()) {
      s = Status::InvalidField(path, who + ": must be an object");
      return;
    }
    f(Reader(&(*a)[i].as_object(), path, who));
  }
}

// Rounds to `per_unit` steps (1000: three decimals) so the shortest printed form is short.
double Round(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

}  // namespace

Result<Problem> ParseCity(std::string_view text) {
  json::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) return Status::InvalidField("$", "malformed JSON: " + ec.message());
  if (!root.is_object()) return Status::InvalidField("$", "the city file must be a JSON object");
  Problem p;
  Status s;
  Reader top(&root.as_object(), "", "city file");
  std::string format;
  top.String("format", format, false, s);
  if (s.ok() && !format.empty() && format != "kin-city/1") s = top.Fail("format", "must be kin-city/1");
  top.Time("now", p.now, true, s);
  top.Strings("categories", p.categories, s);
  if (s.ok() && !root.as_object().contains("categories")) s = top.Fail("categories", "is required");
  Items(Array(root.as_object(), "needs", true, s), "needs", "need", s, [&](const Reader& r) {
    Need n;
    std::string urgency = "normal";
    r.String("id", n.id.value, true, s);
    r.String("category", n.category, true, s);
    r.Int("quantity", n.quantity, false, s);
    r.String("urgency", urgency, false, s);
    if (s.ok()) {
      std::optional<Urgency> u = ParseUrgency(urgency);
      if (!u) s = r.Fail("urgency", "must be low, normal, high or critical");
      else n.urgency = *u;
    }
    r.Window("window", n.window, true, s);
    r.Int("minutes", n.minutes, false, s);
    r.Place("place", n.place, s);
    r.Strings("languages", n.languages, s);
    r.Bool("interpretation", n.interpretation, s);
    r.Strings("requirements", n.requirements, s);
    n.waiting_since = p.now;
    r.Time("waiting_since", n.waiting_since, false, s);
    p.needs.push_back(std::move(n));
  });
  Items(Array(root.as_object(), "helpers", true, s), "helpers", "helper", s, [&](const Reader& r) {
    Helper h;
    r.String("id", h.id.value, true, s);
    r.Strings("categories", h.categories, s);
    r.Int("capacity", h.capacity, true, s);
    r.Int("current_load", h.current_load, false, s);
    r.Strings("skills", h.skills, s);
    r.Strings("languages", h.languages, s);
    r.Place("base", h.base, s);
    r.Number("radius_km", h.radius_km, true, s);
    const json::value* a = r.Find("availability", false, s);
    if (a && s.ok()) {
      if (!a->is_array()) {
        s = r.Fail("availability", "must be an array of {start, end}");
      } else {
        for (size_t i = 0; i < a->as_array().size() && s.ok(); ++i) {
          const json::value& e = a->as_array()[i];
          std::string path = r.path() + ".availability[" + std::to_string(i) + "]";
          if (!e.is_object()) {
            s = Status::InvalidField(path, r.who() + ": must be an object with start and end");
            break;
          }
          Reader w(&e.as_object(), path, r.who());
          TimeWindow window;
          w.Time("start", window.start, true, s);
          w.Time("end", window.end, true, s);
          h.availability.push_back(window);
        }
      }
    }
    r.Bool("vehicle", h.vehicle, s);
    p.helpers.push_back(std::move(h));
  });
  Items(Array(root.as_object(), "locked", false, s), "locked", "locked pair", s, [&](const Reader& r) {
    match::Locked l;
    r.String("need", l.need.value, true, s);
    r.String("helper", l.helper.value, true, s);
    r.Int("units", l.units, false, s);
    p.locked.push_back(std::move(l));
  });
  Items(Array(root.as_object(), "declined", false, s), "declined", "declined pair", s, [&](const Reader& r) {
    match::Declined d;
    r.String("need", d.need.value, true, s);
    r.String("helper", d.helper.value, true, s);
    p.declined.push_back(std::move(d));
  });
  if (!s.ok()) return s;
  return p;
}

std::string WriteCity(const Problem& p) {
  JsonWriter w;
  w.BeginObject().Field("format", "kin-city/1").Field("now", http::FormatRfc3339(p.now));
  w.Key("categories").Strings(p.categories);
  w.Key("needs").BeginArray();
  for (const Need& n : p.needs) {
    w.BeginObject().Field("id", n.id.value).Field("category", n.category).Field("quantity", n.quantity);
    w.Field("urgency", UrgencyName(n.urgency));
    w.Key("window").BeginObject().Field("start", http::FormatRfc3339(n.window.start));
    w.Field("end", http::FormatRfc3339(n.window.end)).EndObject();
    w.Field("minutes", n.minutes);
    w.Key("place").BeginObject().Field("lat", n.place.lat).Field("lon", n.place.lon).EndObject();
    w.Key("languages").Strings(n.languages).Field("interpretation", n.interpretation);
    w.Key("requirements").Strings(n.requirements);
    w.Field("waiting_since", http::FormatRfc3339(n.waiting_since)).EndObject();
  }
  w.EndArray().Key("helpers").BeginArray();
  for (const Helper& h : p.helpers) {
    w.BeginObject().Field("id", h.id.value).Key("categories").Strings(h.categories);
    w.Field("capacity", h.capacity).Field("current_load", h.current_load).Key("skills").Strings(h.skills);
    w.Key("languages").Strings(h.languages);
    w.Key("base").BeginObject().Field("lat", h.base.lat).Field("lon", h.base.lon).EndObject();
    w.Field("radius_km", h.radius_km).Key("availability").BeginArray();
    for (const TimeWindow& a : h.availability) {
      w.BeginObject().Field("start", http::FormatRfc3339(a.start)).Field("end", http::FormatRfc3339(a.end));
      w.EndObject();
    }
    w.EndArray().Field("vehicle", h.vehicle).EndObject();
  }
  w.EndArray().Key("locked").BeginArray();
  for (const match::Locked& l : p.locked) {
    w.BeginObject().Field("need", l.need.value).Field("helper", l.helper.value).Field("units", l.units).EndObject();
  }
  w.EndArray().Key("declined").BeginArray();
  for (const match::Declined& d : p.declined) {
    w.BeginObject().Field("need", d.need.value).Field("helper", d.helper.value).EndObject();
  }
  w.EndArray().EndObject();
  return w.Take() + "\n";
}

namespace {

void WriteTerms(JsonWriter& w, const match::ObjectiveTerms& t) {
  w.BeginObject();
  w.Field("priority_met", t.priority_met).Field("priority_unmet", t.priority_unmet);
  w.Field("units_met", t.units_met).Field("units_requested", t.units_requested);
  w.Field("needs_fully_met", t.needs_fully_met).Field("needs_open", t.needs_open);
  w.Field("load_cost", t.load_cost).Field("max_load", t.max_load).Field("helpers_used", t.helpers_used);
  w.Field("travel_units", t.travel_units).Field("travel_km", Round(t.travel_km, 1000));
  w.Field("longest_wait_unmet_days", t.longest_wait_unmet_days);
  w.EndObject();
}

}  // namespace

std::string WriteAllocation(const Problem& p, const match::Allocation& a, std::string_view method, double seconds) {
  JsonWriter w;
  w.BeginObject().Field("format", "kin-allocation/1").Field("method", method);
  w.Key("assignments").BeginArray();
  for (const match::Suggestion& s : a.suggestions) {
    w.BeginObject().Field("need", p.needs[s.need].id.value).Field("helper", p.helpers[s.helper].id.value);
    w.Field("units", s.units).Field("locked", s.locked);
    w.Key("why").BeginObject().Field("distance_km", Round(s.distance_m / 1000, 1000));
    w.Key("shared_languages").Strings(s.shared_languages);
    w.Field("interpretation", p.needs[s.need].interpretation);
    w.Field("urgency", UrgencyName(p.needs[s.need].urgency)).Field("waited_days", s.waited_days);
    w.Field("priority", s.priority);
    if (!s.locked) w.Field("helper_load_after", s.helper_load_after);
    w.EndObject().EndObject();
  }
  w.EndArray().Key("unmet").BeginArray();
  for (const match::Unmet& u : a.unmet) {
    w.BeginObject().Field("need", p.needs[u.need].id.value).Field("units", u.units);
    w.Field("reason", match::UnmetReasonName(u.reason)).EndObject();
  }
  w.EndArray().Key("objective");
  WriteTerms(w, a.terms);
  const match::SolveStats& st = a.stats;
  w.Key("stats").BeginObject().Field("seconds", Round(seconds, 10000));
  if (method == "optimal") {
    w.Field("candidate_arcs", st.candidate_arcs).Field("components", st.components);
    w.Field("solver_runs", st.solver_calls).Field("pricing_rounds", st.pricing_rounds);
    w.Field("proven_optimal", st.proven_optimal);
    w.Field("arcs_added_by_pricing", st.arcs_added_by_pricing).Field("two_phase", st.two_phase);
  }
  w.EndObject().EndObject();
  return w.Take() + "\n";
}

std::string CompareReport(const match::Allocation& optimal, double optimal_seconds, const match::Allocation& greedy,
                          double greedy_seconds) {
  const match::ObjectiveTerms& o = optimal.terms;
  const match::ObjectiveTerms& g = greedy.terms;
  std::string out;
  char line[256];
  auto row = [&](const char* name, double a, double b, const char* better) {
    std::snprintf(line, sizeof line, "%-34s %14.2f %14.2f   %s\n", name, a, b, better);
    out += line;
  };
  out += "                                          optimal         greedy\n";
  row("priority of units met (higher)", o.priority_met, g.priority_met, "");
  row("units met", o.units_met, g.units_met, "");
  row("needs fully met", o.needs_fully_met, g.needs_fully_met, "");
  row("longest wait among unmet (days)", o.longest_wait_unmet_days, g.longest_wait_unmet_days, "");
  row("load cost (lower spreads more)", o.load_cost, g.load_cost, "");
  row("most units on one helper", o.max_load, g.max_load, "");
  row("helpers used", o.helpers_used, g.helpers_used, "");
  row("travel km (per unit)", o.travel_km, g.travel_km, "");
  row("seconds", optimal_seconds, greedy_seconds, "");
  std::snprintf(line, sizeof line, "greedy met %.1f%% of the optimum's priority; greedy better than optimal: %s\n",
                o.priority_met ? 100.0 * g.priority_met / o.priority_met : 100.0,
                match::Better(g, o) ? "yes (please report this as a bug)" : "no");
  out += line;
  return out;
}

}  // namespace kin::cli
