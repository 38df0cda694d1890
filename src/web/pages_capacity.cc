// Occupancy for members without JavaScript: shelter beds, childcare places, meals per service. Every member sees,
// for a range of dates, each slot's places, how many are given and how many are free; intake and coordinators
// add a capacity, set places per date or slot, give places to a need and release them. The app layer applies
// every rule (never overbooking, never setting fewer places than are given).
#include <variant>

#include "app/hub_today.h"
#include "store/store.h"
#include "web/hub_viewer.h"
#include "web/library_view.h"
#include "web/pages.h"

namespace kin::web {
namespace {

struct Posted {
  std::string form;  // "range", "pool", "slot" or "allocate"
  Form typed;
  FormErrors errors;
};

std::variant<HubViewer, http::Response> ViewerOf(PageContext& page, const std::string& slug) {
  return HubViewerOf(page, slug, "/h/" + slug + "/capacity", "capacity");
}

const std::map<std::string, PageContext::FieldLabel>& CapacityLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"from", {"capacity.from", ""}},   {"to", {"capacity.to", ""}},
      {"name", {"capacity.name", ""}},   {"category", {"capacity.category", ""}},
      {"unit", {"capacity.unit", ""}},   {"description", {"capacity.description", ""}},
      {"pool", {"capacity.pool", ""}},   {"date", {"capacity.date", ""}},
      {"slot", {"capacity.slot", ""}},   {"capacity", {"capacity.places", ""}},
      {"need", {"capacity.need", ""}},   {"quantity", {"capacity.quantity", ""}},
      {"a-pool", {"capacity.pool", ""}}, {"a-date", {"capacity.date", ""}},
      {"a-slot", {"capacity.slot", ""}},
  };
  return kLabels;
}

// The range asked for: ?from= and ?to= (YYYY-MM-DD), by default the hub's today and the six days after.
std::pair<Date, Date> RangeOf(PageContext& page, const HubViewer& v, FormErrors& errors) {
  Date from = HubToday(v.hub, page.deps().app.clock().Now());
  std::optional<std::string> f = page.request().Query("from"), t = page.request().Query("to");
  if (f && !f->empty()) {
    if (std::optional<Date> d = ParseIsoDate(*f))
      from = *d;
    else
      errors.Add("from", page.T("capacity.err.date"));
  }
  Date to = from + std::chrono::days(6);
  if (t && !t->empty()) {
    if (std::optional<Date> d = ParseIsoDate(*t))
      to = *d;
    else
      errors.Add("to", page.T("capacity.err.date"));
  }
  if (errors.empty() && !CheckOccupancyRange(from, to).ok()) {
    errors.Add("to", page.T("capacity.err.range", {{"n", std::to_string(kMaxOccupancyDays)}}));
  }
  if (!errors.empty()) to = from + std::chrono::days(6);
  return {from, to};
}

mustache::data Options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& chosen) {
  mustache::data list{mustache::data::type::list};
  for (const auto& [value, label] : values) {
    mustache::data o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", mustache::data(value == chosen));
    list.push_back(o);
  }
  return list;
}

http::Response CapacityPage(PageContext& page, const HubViewer& v, Posted posted, int status) {
  CapacityService& capacity = page.deps().app.resources.capacity;
  Result<Page<CapacityPool>> pools = capacity.ListPools(page.caller(), v.hub.slug, PageRequest{"", 200});
  if (!pools.ok())
    return page.Message(503, page.T("err.kind.unavailable"), KindMessage(page.lang(), pools.status().kind()));
  auto [from, to] = RangeOf(page, v, posted.errors);
  if (status == 200 && !posted.errors.empty()) status = 422;
  Result<std::vector<CapacitySlot>> slots = capacity.Occupancy(page.caller(), v.hub.slug, std::nullopt, from, to);
  std::vector<std::pair<std::string, std::string>> pool_options;
  mustache::data list{mustache::data::type::list};
  for (const CapacityPool& p : pools->items) {
    pool_options.push_back({p.id.value, p.details.name});
    mustache::data pd;
    pd.set("id", p.id.value);
    pd.set("name", p.details.name);
    pd.set("unit", p.details.unit);
    pd.set("category", p.details.category);
    if (!p.details.description.empty()) pd.set("description", p.details.description);
    mustache::data rows{mustache::data::type::list};
    if (slots.ok()) {
      for (const CapacitySlot& s : *slots) {
        if (s.pool != p.id) continue;
        mustache::data r;
        r.set("date", FormatIsoDate(s.date));
        r.set("slot", s.label.empty() ? page.T("capacity.whole_day") : s.label);
        r.set("capacity", std::to_string(s.capacity));
        r.set("allocated", std::to_string(s.allocated));
        r.set("free", std::to_string(s.free()));
        r.set("full", mustache::data(s.free() <= 0));
        rows.push_back(r);
      }
    }
    pd.set("has_slots", mustache::data(!rows.is_empty_list()));
    pd.set("slots", rows);
    if (v.keeper()) {
      Result<Page<CapacityAllocation>> allocations =
          capacity.ListAllocations(page.caller(), p.id, PageRequest{"", 200});
      mustache::data held{mustache::data::type::list};
      if (allocations.ok()) {
        for (const CapacityAllocation& a : allocations->items) {
          if (a.status != AllocationStatus::kHeld || a.date < from || a.date > to) continue;
          mustache::data h;
          h.set("id", a.id.value);
          h.set("slug", v.hub.slug);
          h.set("date", FormatIsoDate(a.date));
          h.set("slot", a.label.empty() ? page.T("capacity.whole_day") : a.label);
          h.set("quantity", std::to_string(a.quantity) + " " + p.details.unit);
          h.set("need", a.need.value);
          held.push_back(h);
        }
      }
      pd.set("has_held", mustache::data(!held.is_empty_list()));
      pd.set("held", held);
    }
    list.push_back(pd);
  }
  mustache::data d;
  d.set("hub_name", v.hub.settings.name);
  d.set("slug", v.hub.slug);
  d.set("pools", list);
  d.set("has_pools", mustache::data(!pools->items.empty()));
  d.set("keeper", mustache::data(v.keeper()));
  d.set("from", FormatIsoDate(from));
  d.set("to", FormatIsoDate(to));
  if (v.keeper()) {
    std::vector<std::pair<std::string, std::string>> needs;
    NeedFilter open;
    Result<Page<Need>> found = page.deps().app.needs.List(page.caller(), v.hub.slug, open, PageRequest{"", 200});
    if (found.ok()) {
      for (const Need& n : found->items) {
        if (!CheckAllocateTo(n.status).ok()) continue;
        std::string text = n.details.description.substr(0, 60);
        needs.push_back({n.id.value, n.details.category + ": " + text});
      }
    }
    d.set("need_options", Options(needs, posted.typed.Get("need")));
    d.set("has_needs", mustache::data(!needs.empty()));
    mustache::data vals;
    for (const char* f : {"name", "category", "unit", "description", "date", "slot", "capacity", "quantity"})
      vals.set(f, posted.form == "allocate" ? "" : posted.typed.Get(f));
    d.set("v", vals);
    d.set("slot_pools", Options(pool_options, posted.form == "slot" ? posted.typed.Get("pool") : ""));
    d.set("allocate_pools", Options(pool_options, posted.form == "allocate" ? posted.typed.Get("pool") : ""));
    mustache::data a;
    for (const char* f : {"date", "slot", "quantity"}) a.set(f, posted.form == "allocate" ? posted.typed.Get(f) : "");
    d.set("a", a);
  }
  std::optional<std::string> done = page.request().Query("done");
  for (const char* k : {"pool", "slot", "allocate", "release"})
    if (done == k) d.set("notice", page.T(std::string("capacity.done.") + k));
  page.AddErrors(d, posted.errors, CapacityLabels());
  return page.Render(status, "capacity", std::move(d), page.T("capacity.title", {{"hub", v.hub.settings.name}}));
}

http::Response ShowCapacity(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  return CapacityPage(page, std::get<HubViewer>(v), Posted{}, 200);
}

int HttpStatusOf(const Status& s) {
  switch (s.kind()) {
    case StatusKind::kConflict:
      return 409;
    case StatusKind::kForbidden:
      return 403;
    case StatusKind::kNotFound:
      return 404;
    default:
      return 422;
  }
}

// What the slot and allocate forms share: the capacity, the date and the slot label, at inputs prefixed by
// `prefix` ("" for setting places, "a-" for allocating).
std::optional<std::pair<CapacityPoolId, SlotRef>> ReadSlot(PageContext& page, const Form& form,
                                                           const std::string& prefix, FormErrors& errors) {
  std::string pool = form.Get("pool");
  std::optional<Date> date = ParseIsoDate(form.Get("date"));
  if (pool.empty()) errors.Add(prefix + "pool", page.T("err.required"));
  if (!date) errors.Add(prefix + "date", page.T("capacity.err.date"));
  std::string label = form.Get("slot");
  Status s = ValidateSlotLabel(label);
  if (!s.ok())
    errors.Add(prefix + "slot", TranslateFieldMessage(page.lang(), s.fields().empty() ? "" : s.fields()[0].message));
  if (!errors.empty()) return std::nullopt;
  return std::make_pair(CapacityPoolId{pool}, SlotRef{*date, label});
}

http::Response ChangeCapacity(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  const HubViewer& viewer = std::get<HubViewer>(v);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  Posted posted{form->Get("do"), *form, {}};
  if (!page.CsrfOk(*form)) {
    posted.errors.SetForm(page.T("err.csrf"));
    return CapacityPage(page, viewer, posted, 403);
  }
  if (!viewer.keeper()) {
    posted.errors.SetForm(KindMessage(page.lang(), StatusKind::kForbidden));
    return CapacityPage(page, viewer, posted, 403);
  }
  CapacityService& capacity = deps.app.resources.capacity;
  Status s = Status::Ok();
  if (posted.form == "pool") {
    CapacityPoolDetails d{form->Get("name"), form->Get("category"), form->Get("unit"), form->Get("description")};
    s = capacity.CreatePool(page.caller(), viewer.hub.slug, d).status();
    AddStatusErrors(page.lang(), s,
                    {{"name", "name"}, {"category", "category"}, {"unit", "unit"}, {"description", "description"}},
                    posted.errors);
  } else if (posted.form == "slot") {
    auto slot = ReadSlot(page, *form, "", posted.errors);
    std::optional<int> places = FormInt(form->Get("capacity"));
    if (!places) posted.errors.Add("capacity", page.T("err.whole_number"));
    if (!slot || !places) return CapacityPage(page, viewer, posted, 422);
    s = capacity.SetSlot(page.caller(), slot->first, slot->second, *places).status();
    if (s.kind() == StatusKind::kConflict)
      posted.errors.Add("capacity", page.T("capacity.err.below_allocated"));
    else
      AddStatusErrors(page.lang(), s, {{"capacity", "capacity"}, {"date", "date"}, {"slot", "slot"}}, posted.errors);
  } else if (posted.form == "allocate") {
    auto slot = ReadSlot(page, *form, "a-", posted.errors);
    std::optional<int> quantity = FormInt(form->Get("quantity"));
    if (!quantity) posted.errors.Add("quantity", page.T("err.whole_number"));
    if (form->Get("need").empty()) posted.errors.Add("need", page.T("err.required"));
    if (!slot || !quantity || !posted.errors.empty()) return CapacityPage(page, viewer, posted, 422);
    Result<CapacityAllocation> a =
        capacity.Allocate(page.caller(), slot->first, slot->second, NeedId{form->Get("need")}, *quantity);
    s = a.status();
    if (s.kind() == StatusKind::kConflict) {
      bool closed = s.message().find("need") != std::string::npos;
      if (closed)
        posted.errors.Add("need", page.T("capacity.err.need_closed"));
      else
        posted.errors.Add("quantity", page.T("capacity.err.full"));
    } else if (s.kind() == StatusKind::kNotFound) {
      posted.errors.Add("need", page.T("capacity.err.need_closed"));
    } else {
      AddStatusErrors(page.lang(), s,
                      {{"quantity", "quantity"}, {"need", "need"}, {"date", "a-date"}, {"slot", "a-slot"}},
                      posted.errors);
    }
  } else {
    posted.errors.SetForm(page.T("err.check"));
    return CapacityPage(page, viewer, posted, 422);
  }
  if (s.ok()) return page.Redirect("/h/" + viewer.hub.slug + "/capacity?done=" + posted.form);
  return CapacityPage(page, viewer, posted, HttpStatusOf(s));
}

http::Response Release(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  const HubViewer& viewer = std::get<HubViewer>(v);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  Posted posted{"release", *form, {}};
  if (!page.CsrfOk(*form)) {
    posted.errors.SetForm(page.T("err.csrf"));
    return CapacityPage(page, viewer, posted, 403);
  }
  Status s = deps.app.resources.capacity.Release(page.caller(), CapacityAllocationId{req.Param("allocation")}).status();
  if (s.ok()) return page.Redirect("/h/" + viewer.hub.slug + "/capacity?done=release");
  posted.errors.SetForm(s.kind() == StatusKind::kConflict ? page.T("capacity.err.released")
                                                          : KindMessage(page.lang(), s.kind()));
  return CapacityPage(page, viewer, posted, HttpStatusOf(s));
}

}  // namespace

void RegisterCapacityPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/capacity", "web.capacity",
             [&deps](http::Request& req) { return ShowCapacity(deps, req); });
  router.Add("POST", "/h/{slug}/capacity", "web.capacity_change",
             [&deps](http::Request& req) { return ChangeCapacity(deps, req); });
  router.Add("POST", "/h/{slug}/capacity/allocations/{allocation}/release", "web.capacity_release",
             [&deps](http::Request& req) { return Release(deps, req); });
}

}  // namespace kin::web
