#include "match/validate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>

namespace kin::match {
namespace {

std::string Item(const char* list, size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

class Checker {
 public:
  void Add(const std::string& field, const std::string& who, const std::string& message) {
    if (count_++ < kMaxErrors) errors_.Add(field, who + ": " + message);
  }
  Status ToStatus() const { return errors_.ToStatus(); }

 private:
  static constexpr int kMaxErrors = 50;  // enough to fix a file; more would drown the first one
  FieldErrors errors_;
  int count_ = 0;
};

void CheckLatLon(const LatLon& p, const std::string& field, const std::string& who, Checker& c) {
  if (!std::isfinite(p.lat) || p.lat < -90 || p.lat > 90) {
    c.Add(field + ".lat", who, "must be a number between -90 and 90");
  }
  if (!std::isfinite(p.lon) || p.lon < -180 || p.lon > 180) {
    c.Add(field + ".lon", who, "must be a number between -180 and 180");
  }
}

}  // namespace

Status ValidateProblem(const Problem& p) {
  Checker c;
  std::set<std::string> categories;
  if (p.categories.empty()) c.Add("categories", "problem", "must name at least one category");
  for (size_t i = 0; i < p.categories.size(); ++i) {
    if (p.categories[i].empty()) c.Add(Item("categories", i), "problem", "must not be empty");
    if (!categories.insert(p.categories[i]).second) {
      c.Add(Item("categories", i), "problem", "duplicate category '" + p.categories[i] + "'");
    }
  }
  std::set<std::string> languages, requirements;
  std::unordered_map<std::string, size_t> need_index, helper_index;
  std::vector<Units> locked_need(p.needs.size(), 0), locked_helper(p.helpers.size(), 0);

  for (size_t i = 0; i < p.needs.size(); ++i) {
    const Need& n = p.needs[i];
    const std::string f = Item("needs", i);
    const std::string who = "need '" + n.id.value + "'";
    if (n.id.empty()) c.Add(f + ".id", who, "must not be empty");
    if (!need_index.emplace(n.id.value, i).second) c.Add(f + ".id", who, "duplicate id");
    if (!categories.count(n.category)) c.Add(f + ".category", who, "unknown category '" + n.category + "'");
    if (n.quantity < 1 || n.quantity > kMaxUnits) c.Add(f + ".quantity", who, "must be between 1 and 10000");
    if (n.minutes < 1) c.Add(f + ".minutes", who, "must be at least 1");
    if (n.window.end <= n.window.start) {
      c.Add(f + ".window.end", who, "must be after window.start");
    } else if (n.window.end - n.window.start < std::chrono::minutes(n.minutes)) {
      c.Add(f + ".minutes", who, "the task does not fit in its own window");
    }
    CheckLatLon(n.place, f + ".place", who, c);
    if (n.waiting_since > p.now) c.Add(f + ".waiting_since", who, "must not be after 'now'");
    for (const std::string& l : n.languages) languages.insert(l);
    for (const std::string& r : n.requirements) {
      if (r.empty()) c.Add(f + ".requirements", who, "must not contain an empty tag");
      requirements.insert(r);
    }
  }
  for (size_t i = 0; i < p.helpers.size(); ++i) {
    const Helper& h = p.helpers[i];
    const std::string f = Item("helpers", i);
    const std::string who = "helper '" + h.id.value + "'";
    if (h.id.empty()) c.Add(f + ".id", who, "must not be empty");
    if (!helper_index.emplace(h.id.value, i).second) c.Add(f + ".id", who, "duplicate id");
    if (h.categories.empty()) c.Add(f + ".categories", who, "must name at least one category");
    for (size_t k = 0; k < h.categories.size(); ++k) {
      if (!categories.count(h.categories[k])) {
        c.Add(f + ".categories[" + std::to_string(k) + "]", who, "unknown category '" + h.categories[k] + "'");
      }
    }
    if (h.capacity < 0 || h.capacity > kMaxUnits) c.Add(f + ".capacity", who, "must be between 0 and 10000");
    if (h.current_load < 0 || h.current_load > h.capacity) {
      c.Add(f + ".current_load", who, "must be between 0 and the capacity");
    }
    CheckLatLon(h.base, f + ".base", who, c);
    if (!std::isfinite(h.radius_km) || h.radius_km <= 0 || h.radius_km > kMaxRadiusKm) {
      c.Add(f + ".radius_km", who, "must be more than 0 and at most 200");
    }
    for (size_t k = 0; k < h.availability.size(); ++k) {
      if (h.availability[k].end <= h.availability[k].start) {
        c.Add(f + ".availability[" + std::to_string(k) + "].end", who, "must be after start");
      }
    }
    for (const std::string& l : h.languages) languages.insert(l);
  }
  if (languages.size() > 64) c.Add("needs", "problem", "more than 64 distinct languages");
  if (requirements.size() > 63) c.Add("needs", "problem", "more than 63 distinct requirement tags");

  for (size_t i = 0; i < p.locked.size(); ++i) {
    const Locked& l = p.locked[i];
    const std::string f = Item("locked", i);
    const std::string who = "locked pair '" + l.need.value + "'/'" + l.helper.value + "'";
    auto n = need_index.find(l.need.value);
    auto h = helper_index.find(l.helper.value);
    if (n == need_index.end()) c.Add(f + ".need", who, "unknown need");
    if (h == helper_index.end()) c.Add(f + ".helper", who, "unknown helper");
    if (l.units < 1 || l.units > kMaxUnits) {
      c.Add(f + ".units", who, "must be between 1 and 10000");
      continue;
    }
    if (n != need_index.end()) {
      locked_need[n->second] += l.units;
      if (locked_need[n->second] > p.needs[n->second].quantity) {
        c.Add(f + ".units", who, "locked units exceed the need's quantity");
      }
    }
    if (h != helper_index.end()) {
      const Helper& helper = p.helpers[h->second];
      locked_helper[h->second] += l.units;
      if (helper.current_load + locked_helper[h->second] > helper.capacity) {
        c.Add(f + ".units", who, "locked units exceed the helper's capacity");
      }
    }
  }
  for (size_t i = 0; i < p.declined.size(); ++i) {
    const Declined& d = p.declined[i];
    const std::string f = Item("declined", i);
    const std::string who = "declined pair '" + d.need.value + "'/'" + d.helper.value + "'";
    if (!need_index.count(d.need.value)) c.Add(f + ".need", who, "unknown need");
    if (!helper_index.count(d.helper.value)) c.Add(f + ".helper", who, "unknown helper");
  }
  // Sums of units are kept in 32 bits (Units): a billion leaves room, and is far beyond any city.
  int64_t asked = 0, offered = 0;
  for (const Need& n : p.needs) asked += std::clamp<int64_t>(n.quantity, 0, kMaxUnits);
  for (const Helper& h : p.helpers) offered += std::clamp<int64_t>(h.capacity, 0, kMaxUnits);
  if (asked > kMaxTotalUnits) {
    c.Add("needs", "problem",
          "the quantities add up to more than 1000000000 units; split the input by area or category");
  }
  if (offered > kMaxTotalUnits) {
    c.Add("helpers", "problem",
          "the capacities add up to more than 1000000000 units; split the input by area or category");
  }
  return c.ToStatus();
}

}  // namespace kin::match
