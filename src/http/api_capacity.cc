// Capacity: places per date or slot, their allocation to needs, and the occupancy view.
#include "http/api_resources.h"
#include "http/date_range.h"
#include "http/json_capacity.h"
#include "http/json_codec.h"

namespace kin::http {
namespace {

Response PoolResponse(int status, const CapacityPool& pool) {
  JsonWriter w;
  WriteCapacityPool(w, pool);
  return JsonResponse(status, w);
}

Response AllocationResponse(int status, const CapacityAllocation& a) {
  JsonWriter w;
  WriteCapacityAllocation(w, a);
  return JsonResponse(status, w);
}


}  // namespace

void RegisterCapacityRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/capacity", "capacity.list", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(deps.app.resources.capacity.ListPools(caller, req.Param("hub"), *page),
                     [](const Page<CapacityPool>& p) {
                       return Response::Json(200, EncodePage(p, WriteCapacityPool));
                     });
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/capacity", "capacity.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<CapacityPoolDetails> d = DecodeCapacityPool(req.body);
      if (!d.ok()) return ProblemResponse(d.status());
      return Respond(deps.app.resources.capacity.CreatePool(caller, req.Param("hub"), *d),
                     [](const CapacityPool& p) { return PoolResponse(201, p); });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/occupancy", "capacity.occupancy", [&deps](Request& req) {
    return WithCaller(deps, req, {"from", "to", "capacity"}, false, [&](const Caller& caller) {
      Result<DateRange> range = DateRangeOf(req);
      if (!range.ok()) return ProblemResponse(range.status());
      std::optional<CapacityPoolId> pool;
      if (auto c = req.Query("capacity")) pool = CapacityPoolId{*c};
      return Respond(deps.app.resources.capacity.Occupancy(caller, req.Param("hub"), pool,
                                                           range->from, range->to),
                     [](const std::vector<CapacitySlot>& slots) {
                       return Response::Json(
                           200, EncodePage(Page<CapacitySlot>{slots, ""}, WriteCapacitySlot));
                     });
    });
  });

  router.Add("GET", "/api/v1/capacity/{capacity}", "capacity.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(
          deps.app.resources.capacity.GetPool(caller, CapacityPoolId{req.Param("capacity")}),
          [](const CapacityPool& p) { return PoolResponse(200, p); });
    });
  });

  router.Add(
      "PUT", "/api/v1/capacity/{capacity}/slots", "capacity.set_slot", [&deps](Request& req) {
        return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
          Result<SlotCapacity> s = DecodeSlotCapacity(req.body);
          if (!s.ok()) return ProblemResponse(s.status());
          return Respond(deps.app.resources.capacity.SetSlot(
                             caller, CapacityPoolId{req.Param("capacity")}, s->slot, s->capacity),
                         [](const CapacitySlot& slot) {
                           JsonWriter w;
                           WriteCapacitySlot(w, slot);
                           return JsonResponse(200, w);
                         });
        });
      });

  router.Add("GET", "/api/v1/capacity/{capacity}/allocations", "capacity.allocations",
             [&deps](Request& req) {
               return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
                 Result<PageRequest> page = PageOf(req);
                 if (!page.ok()) return ProblemResponse(page.status());
                 return Respond(deps.app.resources.capacity.ListAllocations(
                                    caller, CapacityPoolId{req.Param("capacity")}, *page),
                                [](const Page<CapacityAllocation>& p) {
                                  return Response::Json(200,
                                                        EncodePage(p, WriteCapacityAllocation));
                                });
               });
             });

  router.Add(
      "POST", "/api/v1/capacity/{capacity}/allocations", "capacity.allocate",
      [&deps](Request& req) {
        return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
          Result<AllocationRequest> a = DecodeAllocation(req.body);
          if (!a.ok()) return ProblemResponse(a.status());
          return Respond(
              deps.app.resources.capacity.Allocate(caller, CapacityPoolId{req.Param("capacity")},
                                                   a->slot, a->need, a->quantity),
              [](const CapacityAllocation& x) { return AllocationResponse(201, x); });
        });
      });

  router.Add("POST", "/api/v1/capacity-allocations/{allocation}/release", "capacity.release",
             [&deps](Request& req) {
               return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
                 return Respond(
                     deps.app.resources.capacity.Release(
                         caller, CapacityAllocationId{req.Param("allocation")}),
                     [](const CapacityAllocation& x) { return AllocationResponse(200, x); });
               });
             });
}

}  // namespace kin::http
