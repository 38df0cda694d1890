// The library of things: the catalogue, calendars and reservations, waiting lists, loans.
#include "http/api_resources.h"
#include "http/json_codec.h"
#include "http/json_library.h"

namespace kin::http {
namespace {

Response ThingResponse(int status, const Lendable& item) {
  JsonWriter w;
  WriteLendable(w, item);
  return JsonResponse(status, w);
}

Response LoanResponse(int status, const Loan& loan) {
  JsonWriter w;
  WriteLoan(w, loan);
  return JsonResponse(status, w);
}

Response Loan200(const Loan& loan) { return LoanResponse(200, loan); }

// A whole list in the page shape, with no next page.
template <typename T, typename WriteItem>
Response ListResponse(const std::vector<T>& items, WriteItem write) {
  return Response::Json(200, EncodePage(Page<T>{items, ""}, write));
}

void RegisterThingRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/things", "things.list", [&deps](Request& req) {
    return WithCaller(
        deps, req, {"limit", "cursor", "category", "status"}, false, [&](const Caller& caller) {
          Result<PageRequest> page = PageOf(req);
          if (!page.ok()) return ProblemResponse(page.status());
          LendableFilter filter;
          if (auto c = req.Query("category")) filter.category = *c;
          if (auto s = req.Query("status")) {
            filter.status = ParseLendableStatus(*s);
            if (!filter.status) {
              return ProblemResponse(
                  Status::InvalidField("status", "must be available, maintenance or retired"));
            }
          }
          return Respond(
              deps.app.resources.library.ListThings(caller, req.Param("hub"), filter, *page),
              [](const Page<Lendable>& p) {
                return Response::Json(200, EncodePage(p, WriteLendable));
              });
        });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/things", "things.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<LendableDetails> d = DecodeLendableDetails(req.body);
      if (!d.ok()) return ProblemResponse(d.status());
      return Respond(deps.app.resources.library.AddThing(caller, req.Param("hub"), *d),
                     [](const Lendable& item) { return ThingResponse(201, item); });
    });
  });

  router.Add("GET", "/api/v1/things/{thing}", "things.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.resources.library.GetThing(caller, LendableId{req.Param("thing")}),
                     [](const Lendable& item) { return ThingResponse(200, item); });
    });
  });

  router.Add("PATCH", "/api/v1/things/{thing}", "things.update", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<LendablePatch> p = DecodeLendablePatch(req.body);
      if (!p.ok()) return ProblemResponse(p.status());
      return Respond(
          deps.app.resources.library.UpdateThing(caller, LendableId{req.Param("thing")}, *p),
          [](const Lendable& item) { return ThingResponse(200, item); });
    });
  });

  router.Add("POST", "/api/v1/things/{thing}/status", "things.set_status", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<ThingStatusChange> c = DecodeThingStatus(req.body);
      if (!c.ok()) return ProblemResponse(c.status());
      return Respond(deps.app.resources.library.SetThingStatus(
                         caller, LendableId{req.Param("thing")}, c->status, c->note),
                     [](const Lendable& item) { return ThingResponse(200, item); });
    });
  });

  router.Add("GET", "/api/v1/things/{thing}/calendar", "things.calendar", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(
          deps.app.resources.library.Calendar(caller, LendableId{req.Param("thing")}),
          [](const std::vector<CalendarEntry>& e) { return ListResponse(e, WriteCalendarEntry); });
    });
  });

  router.Add(
      "POST", "/api/v1/things/{thing}/reservations", "things.reserve", [&deps](Request& req) {
        return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
          Result<TimeWindow> window = DecodeReservation(req.body);
          if (!window.ok()) return ProblemResponse(window.status());
          return Respond(
              deps.app.resources.library.Reserve(caller, LendableId{req.Param("thing")}, *window),
              [](const Loan& loan) { return LoanResponse(201, loan); });
        });
      });

  router.Add("GET", "/api/v1/things/{thing}/waitlist", "things.waitlist", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(
          deps.app.resources.library.Waitlist(caller, LendableId{req.Param("thing")}),
          [](const std::vector<WaitlistEntry>& e) { return ListResponse(e, WriteWaitlistEntry); });
    });
  });

  router.Add("POST", "/api/v1/things/{thing}/waitlist", "things.wait", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      Status s = deps.app.resources.library.JoinWaitlist(caller, LendableId{req.Param("thing")});
      return s.ok() ? NoContent() : ProblemResponse(s);
    });
  });

  router.Add("DELETE", "/api/v1/things/{thing}/waitlist", "things.unwait", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      Status s = deps.app.resources.library.LeaveWaitlist(caller, LendableId{req.Param("thing")});
      return s.ok() ? NoContent() : ProblemResponse(s);
    });
  });
}

void RegisterLoanRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/loans", "loans.list", [&deps](Request& req) {
    return WithCaller(
        deps, req, {"limit", "cursor", "status", "thing", "borrower"}, false,
        [&](const Caller& caller) {
          Result<PageRequest> page = PageOf(req);
          if (!page.ok()) return ProblemResponse(page.status());
          LoanFilter filter;
          if (auto t = req.Query("thing")) filter.item = LendableId{*t};
          if (auto b = req.Query("borrower")) filter.borrower = MemberId{*b};
          if (auto s = req.Query("status")) {
            filter.status = ParseLoanStatus(*s);
            if (!filter.status) {
              return ProblemResponse(
                  Status::InvalidField("status", "must be reserved, out, returned or cancelled"));
            }
          }
          return Respond(
              deps.app.resources.library.ListLoans(caller, req.Param("hub"), filter, *page),
              [](const Page<Loan>& p) { return Response::Json(200, EncodePage(p, WriteLoan)); });
        });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/loans/overdue", "loans.overdue", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.resources.library.Overdue(caller, req.Param("hub")),
                     [](const std::vector<Loan>& loans) { return ListResponse(loans, WriteLoan); });
    });
  });

  router.Add("GET", "/api/v1/loans/{loan}", "loans.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.resources.library.GetLoan(caller, LoanId{req.Param("loan")}),
                     Loan200);
    });
  });

  router.Add("POST", "/api/v1/loans/{loan}/cancel", "loans.cancel", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.resources.library.Cancel(caller, LoanId{req.Param("loan")}), Loan200);
    });
  });

  for (bool out : {true, false}) {
    router.Add("POST", out ? "/api/v1/loans/{loan}/checkout" : "/api/v1/loans/{loan}/checkin",
               out ? "loans.checkout" : "loans.checkin", [&deps, out](Request& req) {
                 return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
                   if (!req.body.empty()) {
                     Status s = RequireJson(req);
                     if (!s.ok()) return ProblemResponse(s);
                   }
                   Result<std::string> condition = DecodeCondition(req.body);
                   if (!condition.ok()) return ProblemResponse(condition.status());
                   Library& lib = deps.app.resources.library;
                   LoanId id{req.Param("loan")};
                   return Respond(out ? lib.CheckOut(caller, id, *condition)
                                      : lib.CheckIn(caller, id, *condition),
                                  Loan200);
                 });
               });
  }
}

}  // namespace

void RegisterLibraryRoutes(Router& router, ApiDeps& deps) {
  RegisterThingRoutes(router, deps);
  RegisterLoanRoutes(router, deps);
}

}  // namespace kin::http
