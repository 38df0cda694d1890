// Stock: items, donations, distributions, counts, and the lists of what is low or expiring.
#include <charconv>

#include "http/api_resources.h"
#include "http/json_codec.h"
#include "http/json_stock.h"

namespace kin::http {
namespace {

Response ItemResponse(int status, const StockItem& item) {
  JsonWriter w;
  WriteStockItem(w, item);
  return JsonResponse(status, w);
}

Response ChangeResponse(const StockChange& change) {
  JsonWriter w;
  WriteStockChange(w, change);
  return JsonResponse(201, w);
}

// ?within_days=N (default 7).
Result<int> WithinDays(const Request& req) {
  std::optional<std::string> v = req.Query("within_days");
  if (!v) return 7;
  int n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size()) {
    return Status::InvalidField("within_days", "must be a whole number of days from 0 to 365");
  }
  return n;
}

}  // namespace

void RegisterStockRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/stock", "stock.list", [&deps](Request& req) {
    return WithCaller(
        deps, req, {"limit", "cursor", "category", "low"}, false, [&](const Caller& caller) {
          Result<PageRequest> page = PageOf(req);
          if (!page.ok()) return ProblemResponse(page.status());
          StockFilter filter;
          if (auto c = req.Query("category")) filter.category = *c;
          if (auto low = req.Query("low")) {
            if (*low != "true" && *low != "false") {
              return ProblemResponse(Status::InvalidField("low", "must be true or false"));
            }
            filter.low_only = *low == "true";
          }
          return Respond(
              deps.app.resources.stock.ListItems(caller, req.Param("hub"), filter, *page),
              [](const Page<StockItem>& p) {
                return Response::Json(200, EncodePage(p, WriteStockItem));
              });
        });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/stock", "stock.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<StockItemCreate> create = DecodeStockItemCreate(req.body);
      if (!create.ok()) return ProblemResponse(create.status());
      return Respond(deps.app.resources.stock.CreateItem(caller, req.Param("hub"), create->details,
                                                         create->quantity),
                     [](const StockItem& item) { return ItemResponse(201, item); });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/stock/expiring", "stock.expiring", [&deps](Request& req) {
    return WithCaller(deps, req, {"within_days"}, false, [&](const Caller& caller) {
      Result<int> days = WithinDays(req);
      if (!days.ok()) return ProblemResponse(days.status());
      return Respond(
          deps.app.resources.stock.Expiring(caller, req.Param("hub"), *days),
          [](const std::vector<StockItem>& items) {
            return Response::Json(200, EncodePage(Page<StockItem>{items, ""}, WriteStockItem));
          });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/stock/moves", "stock.moves", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(deps.app.resources.stock.Moves(caller, req.Param("hub"), *page),
                     [](const Page<StockMove>& p) {
                       return Response::Json(200, EncodePage(p, WriteStockMove));
                     });
    });
  });

  router.Add("GET", "/api/v1/stock/{item}", "stock.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.resources.stock.GetItem(caller, StockItemId{req.Param("item")}),
                     [](const StockItem& item) { return ItemResponse(200, item); });
    });
  });

  router.Add("PATCH", "/api/v1/stock/{item}", "stock.update", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<StockItemPatch> patch = DecodeStockItemPatch(req.body);
      if (!patch.ok()) return ProblemResponse(patch.status());
      return Respond(
          deps.app.resources.stock.UpdateItem(caller, StockItemId{req.Param("item")}, *patch),
          [](const StockItem& item) { return ItemResponse(200, item); });
    });
  });

  router.Add("GET", "/api/v1/stock/{item}/moves", "stock.item_moves", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(
          deps.app.resources.stock.ItemMoves(caller, StockItemId{req.Param("item")}, *page),
          [](const Page<StockMove>& p) {
            return Response::Json(200, EncodePage(p, WriteStockMove));
          });
    });
  });

  router.Add("POST", "/api/v1/stock/{item}/donations", "stock.donate", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<DonationRequest> d = DecodeDonation(req.body);
      if (!d.ok()) return ProblemResponse(d.status());
      return Respond(deps.app.resources.stock.Donate(caller, StockItemId{req.Param("item")},
                                                     d->quantity, d->note),
                     ChangeResponse);
    });
  });

  router.Add(
      "POST", "/api/v1/stock/{item}/distributions", "stock.distribute", [&deps](Request& req) {
        return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
          Result<Distribution> d = DecodeDistribution(req.body);
          if (!d.ok()) return ProblemResponse(d.status());
          return Respond(
              deps.app.resources.stock.Distribute(caller, StockItemId{req.Param("item")}, *d),
              ChangeResponse);
        });
      });

  router.Add("POST", "/api/v1/stock/{item}/counts", "stock.count", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<CountRequest> c = DecodeCount(req.body);
      if (!c.ok()) return ProblemResponse(c.status());
      return Respond(deps.app.resources.stock.Count(caller, StockItemId{req.Param("item")},
                                                    c->quantity, c->reason),
                     ChangeResponse);
    });
  });
}

}  // namespace kin::http
