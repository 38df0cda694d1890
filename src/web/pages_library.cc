// The library of things for members without JavaScript: the catalogue (each thing free now or when it next is,
// its longest loan and who may borrow it), the overdue loans for keepers, and the form keepers add things with.
// A thing's own page is pages_library_thing.cc. The app layer applies every rule.
#include <variant>

#include "store/store.h"
#include "web/hub_viewer.h"
#include "web/library_view.h"
#include "web/local_time.h"
#include "web/pages.h"

namespace kin::web {
namespace {

std::variant<HubViewer, http::Response> ViewerOf(PageContext& page, const std::string& slug) {
  return HubViewerOf(page, slug, "/h/" + slug + "/library", "library");
}

http::Response LibraryPage(PageContext& page, const HubViewer& v, const Form& typed, const FormErrors& errors,
                           int status) {
  Library& library = page.deps().app.resources.library;
  Result<Page<CatalogueEntry>> things = library.Catalogue(page.caller(), v.hub.slug, {}, PageRequest{"", 200});
  if (!things.ok())
    return page.Message(503, page.T("err.kind.unavailable"), KindMessage(page.lang(), things.status().kind()));
  Timestamp now = page.deps().app.clock().Now();
  mustache::data list{mustache::data::type::list};
  for (const CatalogueEntry& e : things->items) list.push_back(ThingCard(page, v, e.thing, e.calendar, now));
  mustache::data d;
  d.set("hub_name", v.hub.settings.name);
  d.set("thing_fields", ThingFieldsPartial());
  d.set("slug", v.hub.slug);
  d.set("things", list);
  d.set("has_things", mustache::data(!things->items.empty()));
  d.set("keeper", mustache::data(v.keeper()));
  if (v.keeper()) {
    Result<std::vector<Loan>> overdue = library.Overdue(page.caller(), v.hub.slug);
    mustache::data late{mustache::data::type::list};
    if (overdue.ok()) {
      std::map<std::string, std::string> names;
      for (const CatalogueEntry& e : things->items) names[e.thing.id.value] = e.thing.details.name;
      for (const Loan& l : *overdue) {
        mustache::data o;
        o.set("thing", l.item.value);
        o.set("name", names.count(l.item.value) ? names[l.item.value] : l.item.value);
        o.set("due", FormatLocal(l.window.end, v.hub.settings.time_zone, page.lang()));
        late.push_back(o);
      }
    }
    d.set("overdue", late);
    d.set("has_overdue", mustache::data(overdue.ok() && !overdue->empty()));
    d.set("v", errors.empty() ? ThingValues(LendableDetails{}) : ThingValues(typed));
  }
  std::optional<std::string> done = page.request().Query("done");
  if (done == "added" || done == "imported") d.set("notice", page.T("library.done." + *done));
  page.AddErrors(d, errors, ThingLabels());
  return page.Render(status, "library", std::move(d), page.T("library.title", {{"hub", v.hub.settings.name}}));
}

http::Response ShowLibrary(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  return LibraryPage(page, std::get<HubViewer>(v), Form(), FormErrors(), 200);
}

http::Response AddThing(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  const HubViewer& viewer = std::get<HubViewer>(v);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return LibraryPage(page, viewer, *form, errors, 403);
  }
  if (!viewer.keeper()) {
    errors.SetForm(KindMessage(page.lang(), StatusKind::kForbidden));
    return LibraryPage(page, viewer, *form, errors, 403);
  }
  LendableDetails details = ReadThingForm(*form, page.lang(), errors);
  if (!errors.empty()) {
    AddStatusErrors(page.lang(), ValidateLendableDetails(details), ThingInputs(), errors);
    return LibraryPage(page, viewer, *form, errors, 422);
  }
  Result<Lendable> added = deps.app.resources.library.AddThing(page.caller(), viewer.hub.slug, details);
  if (added.ok()) return page.Redirect("/h/" + viewer.hub.slug + "/library/" + added->id.value + "?done=added");
  AddStatusErrors(page.lang(), added.status(), ThingInputs(), errors);
  int status = added.status().kind() == StatusKind::kForbidden ? 403 : 422;
  return LibraryPage(page, viewer, *form, errors, status);
}

}  // namespace

void RegisterLibraryPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/library", "web.library", [&deps](http::Request& req) { return ShowLibrary(deps, req); });
  router.Add("POST", "/h/{slug}/library", "web.library_add",
             [&deps](http::Request& req) { return AddThing(deps, req); });
  RegisterLibraryThingPages(router, deps);
}

}  // namespace kin::web
