// Offers: what members can give, paused and resumed as life allows.
#include "http/api_support.h"
#include "http/json_codec.h"

namespace kin::http {
namespace {

Response OfferResponse(int status, const Offer& offer) {
  JsonWriter w;
  WriteOffer(w, offer);
  return JsonResponse(status, w);
}

}  // namespace

void RegisterOfferRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/offers", "offers.list", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor", "category", "status", "member"}, false,
                      [&](const Caller& caller) {
                        Result<PageRequest> page = PageOf(req);
                        if (!page.ok()) return ProblemResponse(page.status());
                        OfferFilter filter;
                        if (auto c = req.Query("category")) filter.category = *c;
                        if (auto m = req.Query("member")) filter.member = MemberId{*m};
                        if (auto s = req.Query("status")) {
                          filter.status = ParseOfferStatus(*s);
                          if (!filter.status) {
                            return ProblemResponse(Status::InvalidField("status", "must be active or paused"));
                          }
                        }
                        return Respond(deps.app.offers.List(caller, req.Param("hub"), filter, *page),
                                       [](const Page<Offer>& p) { return Response::Json(200, EncodePage(p, WriteOffer)); });
                      });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/offers", "offers.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<OfferDetails> details = DecodeOfferDetails(req.body);
      if (!details.ok()) return ProblemResponse(details.status());
      return Respond(deps.app.offers.Create(caller, req.Param("hub"), *details),
                     [](const Offer& o) { return OfferResponse(201, o); });
    });
  });

  router.Add("GET", "/api/v1/offers/{offer}", "offers.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.offers.Get(caller, OfferId{req.Param("offer")}),
                     [](const Offer& o) { return OfferResponse(200, o); });
    });
  });

  router.Add("PATCH", "/api/v1/offers/{offer}", "offers.update", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<OfferPatch> patch = DecodeOfferPatch(req.body);
      if (!patch.ok()) return ProblemResponse(patch.status());
      return Respond(deps.app.offers.Update(caller, OfferId{req.Param("offer")}, *patch),
                     [](const Offer& o) { return OfferResponse(200, o); });
    });
  });

  for (OfferStatus status : {OfferStatus::kPaused, OfferStatus::kActive}) {
    bool pause = status == OfferStatus::kPaused;
    router.Add("POST", pause ? "/api/v1/offers/{offer}/pause" : "/api/v1/offers/{offer}/resume",
               pause ? "offers.pause" : "offers.resume", [&deps, status](Request& req) {
                 return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
                   return Respond(deps.app.offers.SetStatus(caller, OfferId{req.Param("offer")}, status),
                                  [](const Offer& o) { return OfferResponse(200, o); });
                 });
               });
  }
}

}  // namespace kin::http
