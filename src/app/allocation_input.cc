#include "app/allocation_input.h"

#include <algorithm>
#include <map>
#include <set>

namespace kin {
namespace {

// Where a hub that does not say where it is works: the middle of its needs' approximate places.
LatLon CentreOf(const std::vector<Need>& needs) {
  double lat = 0, lon = 0;
  int n = 0;
  for (const Need& need : needs) {
    if (!need.approx_location) continue;
    lat += need.approx_location->lat;
    lon += need.approx_location->lon;
    ++n;
  }
  if (n == 0) return LatLon{};
  return LatLon{lat / n, lon / n};
}

}  // namespace

HubAllocationInput BuildAllocationInput(const Hub& hub, std::vector<Need> needs, std::vector<Offer> offers,
                                        const std::vector<Match>& active, const std::vector<match::Declined>& declined,
                                        Timestamp now) {
  HubAllocationInput in;
  match::Problem& p = in.problem;
  p.now = now;
  LatLon centre = hub.settings.area_center.value_or(CentreOf(needs));

  std::map<std::string, match::Units> load;  // by offer id
  for (const Match& m : active) {
    if (IsActive(m.status) && !m.offer.value.empty()) ++load[m.offer.value];
  }

  // Categories the engine accepts: the hub's, and any an older need or offer still carries after a
  // settings change.
  std::set<std::string> categories(hub.settings.categories.begin(), hub.settings.categories.end());

  for (const Need& n : needs) {
    if (n.status != NeedStatus::kOpen) continue;
    match::Need m;
    m.id = n.id;
    m.category = n.details.category;
    m.quantity = 1;
    m.urgency = n.details.urgency;
    m.window = n.details.window.value_or(TimeWindow{n.created_at, now + kOpenEndedHorizon});
    int64_t window_minutes = std::chrono::duration_cast<std::chrono::minutes>(m.window.end - m.window.start).count();
    if (window_minutes < 1) continue;  // too short for any task; it expires on its own
    m.minutes = static_cast<match::Minutes>(std::min<int64_t>(window_minutes, 30));
    m.place = n.approx_location.value_or(centre);
    if (!n.details.language.empty()) m.languages = {n.details.language};
    m.waiting_since = std::min(n.created_at, now);
    categories.insert(m.category);
    p.needs.push_back(std::move(m));
    in.needs.push_back(n);
  }

  for (const Offer& o : offers) {
    if (o.status != OfferStatus::kActive) continue;
    match::Helper h;
    h.id = o.id;
    h.categories = {o.details.category};
    h.capacity = std::clamp(o.details.capacity.amount, 0, match::kMaxUnits);
    h.current_load = std::min(load[o.id.value], h.capacity);
    h.skills = o.details.skills;
    h.languages = o.details.languages;
    // Someone who named no language speaks the one the hub works in.
    if (h.languages.empty() && !hub.settings.languages.empty()) h.languages = {hub.settings.languages.front()};
    if (o.details.area_center) {
      h.base = *o.details.area_center;
      h.radius_km = std::clamp(o.details.area_radius_km, 0.001, match::kMaxRadiusKm);
    } else {  // said no place: goes anywhere the hub works
      h.base = centre;
      h.radius_km = match::kMaxRadiusKm;
    }
    h.vehicle = std::find(h.skills.begin(), h.skills.end(), "car") != h.skills.end();
    categories.insert(o.details.category);
    p.helpers.push_back(std::move(h));
    in.offers.push_back(o);
  }

  std::set<std::string> need_ids, offer_ids;
  for (const match::Need& n : p.needs) need_ids.insert(n.id.value);
  for (const match::Helper& h : p.helpers) offer_ids.insert(h.id.value);
  std::set<std::pair<std::string, std::string>> seen;
  for (const match::Declined& d : declined) {
    if (need_ids.count(d.need.value) && offer_ids.count(d.helper.value) &&
        seen.emplace(d.need.value, d.helper.value).second) {
      p.declined.push_back(d);
    }
  }
  p.categories.assign(categories.begin(), categories.end());
  return in;
}

UnmetCause UnmetCauseOf(match::UnmetReason reason) {
  switch (reason) {
    case match::UnmetReason::kNoCategory:
      return UnmetCause::kNoCategory;
    case match::UnmetReason::kOutOfReach:
      return UnmetCause::kOutOfReach;
    case match::UnmetReason::kWindowTooTight:
      return UnmetCause::kWindowTooTight;
    case match::UnmetReason::kNoLanguage:
      return UnmetCause::kNoLanguage;
    case match::UnmetReason::kRequirement:
      return UnmetCause::kRequirement;
    case match::UnmetReason::kDeclined:
      return UnmetCause::kDeclined;
    case match::UnmetReason::kCapacityUsedUp:
      return UnmetCause::kCapacityUsedUp;
  }
  return UnmetCause::kCapacityUsedUp;
}

}  // namespace kin
