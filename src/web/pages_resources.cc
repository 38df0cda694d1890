// Shared resources for members without JavaScript: the hub's stock, with forms to record a donation
// (members), give stock out (intake) and correct a count (coordinators). The app layer applies
// every rule.
#include <variant>

#include "store/store.h"
#include "web/hub_viewer.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

using Viewer = HubViewer;

std::variant<Viewer, http::Response> ViewerOf(PageContext& page, const std::string& slug) {
  return HubViewerOf(page, slug, "/h/" + slug + "/stock", "stock");
}

http::Response StockPage(PageContext& page, const Viewer& v, const FormErrors& errors, int status) {
  StockFilter filter;
  Result<Page<StockItem>> items = page.deps().app.resources.stock.ListItems(
      page.caller(), v.hub.slug, filter, PageRequest{"", 200});
  if (!items.ok())
    return page.Message(503, page.T("err.kind.unavailable"),
                        KindMessage(page.lang(), items.status().kind()));
  bool keeper = v.roles.Has(Role::kIntake) || v.roles.Has(Role::kCoordinator);
  bool coordinator = v.roles.Has(Role::kCoordinator);
  mustache::data list{mustache::data::type::list};
  for (const StockItem& i : items->items) {
    mustache::data item;
    item.set("id", i.id.value);
    item.set("name", i.details.name);
    item.set("amount", std::to_string(i.quantity) + " " + i.details.unit);
    if (!i.details.place.empty()) item.set("place", i.details.place);
    if (i.details.best_before) item.set("best_before", FormatIsoDate(*i.details.best_before));
    item.set("low", mustache::data(IsLowStock(i)));
    item.set("keeper", mustache::data(keeper));
    item.set("coordinator", mustache::data(coordinator));
    item.set("slug", v.hub.slug);
    list.push_back(item);
  }
  mustache::data d;
  d.set("hub_name", v.hub.settings.name);
  d.set("slug", v.hub.slug);
  d.set("items", list);
  d.set("has_items", mustache::data(!items->items.empty()));
  d.set("keeper", mustache::data(keeper));
  std::optional<std::string> done = page.request().Query("done");
  if (done == "donate" || done == "distribute" || done == "count" || done == "import")
    d.set("notice", page.T("stock.done." + *done));
  page.AddErrors(d, errors, {});
  return page.Render(status, "stock", std::move(d),
                     page.T("stock.title", {{"hub", v.hub.settings.name}}));
}

http::Response ShowStock(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  return StockPage(page, std::get<Viewer>(v), FormErrors(), 200);
}

// Whole numbers only; anything else is left to the app's rule (0 is refused there with the field
// named).
std::optional<int64_t> Quantity(const std::string& text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

http::Response ChangeStock(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  const Viewer& viewer = std::get<Viewer>(v);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return StockPage(page, viewer, errors, 403);
  }
  StockItemId id{req.Param("item")};
  const std::string& action = form->Get("do");
  std::optional<int64_t> quantity = Quantity(form->Get("quantity"));
  if (!quantity) {
    errors.SetForm(page.T("stock.err.quantity"));
    return StockPage(page, viewer, errors, 422);
  }
  Stock& stock = deps.app.resources.stock;
  Result<StockChange> changed = Status::Invalid("unknown action");
  if (action == "donate") changed = stock.Donate(page.caller(), id, *quantity, form->Get("note"));
  if (action == "distribute")
    changed = stock.Distribute(page.caller(), id, {*quantity, std::nullopt, false});
  if (action == "count") changed = stock.Count(page.caller(), id, *quantity, form->Get("reason"));
  if (changed.ok()) return page.Redirect("/h/" + viewer.hub.slug + "/stock?done=" + action);
  const Status& s = changed.status();
  if (s.kind() == StatusKind::kConflict) {
    errors.SetForm(page.T("stock.err.not_enough"));
  } else if (s.kind() == StatusKind::kInvalid) {
    bool reason = !s.fields().empty() && s.fields()[0].field == "reason";
    errors.SetForm(page.T(reason ? "stock.err.reason" : "stock.err.quantity"));
  } else {
    errors.SetForm(KindMessage(page.lang(), s.kind()));
  }
  int status = s.kind() == StatusKind::kConflict    ? 409
               : s.kind() == StatusKind::kForbidden ? 403
                                                    : 422;
  return StockPage(page, viewer, errors, status);
}

}  // namespace

void RegisterResourcePages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/stock", "web.stock",
             [&deps](http::Request& req) { return ShowStock(deps, req); });
  router.Add("POST", "/h/{slug}/stock/{item}", "web.stock_change",
             [&deps](http::Request& req) { return ChangeStock(deps, req); });
}

}  // namespace kin::web
