// Shifts (issue 6): scheduling, sign-ups, swaps, check-in, hours and no-shows. Every rule is in src/app and
// below; handlers decode, call and encode.
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/shift_codec.h"
#include "http/time_format.h"
#include "schedule/civil_time.h"

namespace kin::http {
namespace {

template <typename T, typename WriteFn>
Response Encoded(int status, const T& value, WriteFn write) {
  JsonWriter w;
  write(w, value);
  return JsonResponse(status, w);
}

Response ShiftResponse(int status, const Shift& s) { return Encoded(status, s, WriteShift); }
Response SignupResponse(const Signup& s) { return Encoded(200, s, WriteSignup); }
Response SwapResponse(int status, const Swap& s) { return Encoded(status, s, WriteSwap); }

// The {occurrence} path segment: the local start the rule gave it, YYYYMMDDTHHMMSS.
Result<LocalSeconds> OccurrenceOf(const Request& req) {
  return schedule::ParseLocalTime("occurrence", req.Param("occurrence"));
}

Result<std::optional<Timestamp>> TimeQuery(const Request& req, const char* name) {
  std::optional<std::string> text = req.Query(name);
  if (!text) return std::optional<Timestamp>{};
  std::optional<Timestamp> t = ParseRfc3339(*text);
  if (!t) return Status::InvalidField(name, "must be an RFC 3339 time, e.g. 2026-11-24T10:00:00Z");
  return std::optional<Timestamp>(*t);
}

// A POST on a sign-up with no body or an empty JSON object.
template <typename Fn>
Response SignupAction(ApiDeps& deps, Request& req, Fn fn) {
  return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
    return Respond(fn(caller, SignupId{req.Param("signup")}), SignupResponse);
  });
}

}  // namespace

void RegisterShiftCalendarRoutes(Router& router, ApiDeps& deps);  // api_shift_calendar.cc
void RegisterNotificationRoutes(Router& router, ApiDeps& deps);   // api_notifications.cc

void RegisterShiftRoutes(Router& router, ApiDeps& deps) {
  RegisterShiftCalendarRoutes(router, deps);
  // The outbox is generic (assemblies will queue into it too); its routes come with shifts, its first user.
  RegisterNotificationRoutes(router, deps);
  router.Add("GET", "/api/v1/hubs/{hub}/shifts", "shifts.list", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(deps.app.shifts.List(caller, req.Param("hub"), *page),
                     [](const Page<Shift>& p) { return Response::Json(200, EncodePage(p, WriteShift)); });
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/shifts", "shifts.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<ShiftDetails> details = DecodeShiftDetails(req.body);
      if (!details.ok()) return ProblemResponse(details.status());
      return Respond(deps.app.shifts.Create(caller, req.Param("hub"), *details),
                     [](const Shift& s) { return ShiftResponse(201, s); });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/shift-policy", "shifts.get_policy", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.shifts.GetPolicy(caller, req.Param("hub")),
                     [](const ShiftPolicy& p) { return Encoded(200, p, WriteShiftPolicy); });
    });
  });

  router.Add("PUT", "/api/v1/hubs/{hub}/shift-policy", "shifts.set_policy", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<ShiftPolicy> policy = DecodeShiftPolicy(req.body);
      if (!policy.ok()) return ProblemResponse(policy.status());
      return Respond(deps.app.shifts.SetPolicy(caller, req.Param("hub"), *policy),
                     [](const ShiftPolicy& p) { return Encoded(200, p, WriteShiftPolicy); });
    });
  });

  router.Add("GET", "/api/v1/shifts/{shift}", "shifts.get", [&deps](Request& req) {
    return WithCaller(deps, req, {"from", "to"}, false, [&](const Caller& caller) {
      Result<std::optional<Timestamp>> from = TimeQuery(req, "from");
      if (!from.ok()) return ProblemResponse(from.status());
      Result<std::optional<Timestamp>> to = TimeQuery(req, "to");
      if (!to.ok()) return ProblemResponse(to.status());
      return Respond(deps.app.shifts.Get(caller, ShiftId{req.Param("shift")}, *from, *to),
                     [](const ShiftView& v) { return Encoded(200, v, WriteShiftView); });
    });
  });

  router.Add("PUT", "/api/v1/shifts/{shift}", "shifts.replace", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<ShiftDetails> details = DecodeShiftDetails(req.body);
      if (!details.ok()) return ProblemResponse(details.status());
      return Respond(deps.app.shifts.Replace(caller, ShiftId{req.Param("shift")}, *details),
                     [](const Shift& s) { return ShiftResponse(200, s); });
    });
  });

  router.Add("POST", "/api/v1/shifts/{shift}/occurrences/{occurrence}/change", "shifts.change_occurrence",
             [&deps](Request& req) {
               return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
                 Result<LocalSeconds> occurrence = OccurrenceOf(req);
                 if (!occurrence.ok()) return ProblemResponse(occurrence.status());
                 Result<OccurrenceChange> change = DecodeOccurrenceChange(req.body);
                 if (!change.ok()) return ProblemResponse(change.status());
                 return Respond(
                     deps.app.shifts.ChangeOccurrence(caller, ShiftId{req.Param("shift")}, *occurrence, *change),
                     [](const Shift& s) { return ShiftResponse(200, s); });
               });
             });

  router.Add("POST", "/api/v1/shifts/{shift}/occurrences/{occurrence}/signups", "shifts.sign_up",
             [&deps](Request& req) {
               return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
                 Result<LocalSeconds> occurrence = OccurrenceOf(req);
                 if (!occurrence.ok()) return ProblemResponse(occurrence.status());
                 Result<SignUpRequest> body = DecodeSignUp(req.body);
                 if (!body.ok()) return ProblemResponse(body.status());
                 return Respond(deps.app.shifts.SignUp(caller, ShiftId{req.Param("shift")}, *occurrence,
                                                       body->role, body->qualified, body->wait),
                                [](const Signup& s) { return Encoded(201, s, WriteSignup); });
               });
             });

  router.Add("POST", "/api/v1/signups/{signup}/withdraw", "shifts.withdraw", [&deps](Request& req) {
    return SignupAction(deps, req, [&](const Caller& c, const SignupId& id) { return deps.app.shifts.Withdraw(c, id); });
  });
  router.Add("POST", "/api/v1/signups/{signup}/check-in", "shifts.check_in", [&deps](Request& req) {
    return SignupAction(deps, req, [&](const Caller& c, const SignupId& id) { return deps.app.shifts.CheckIn(c, id); });
  });
  router.Add("POST", "/api/v1/signups/{signup}/no-show", "shifts.no_show", [&deps](Request& req) {
    return SignupAction(deps, req,
                        [&](const Caller& c, const SignupId& id) { return deps.app.shifts.MarkNoShow(c, id); });
  });

  router.Add("POST", "/api/v1/signups/{signup}/hours", "shifts.record_hours", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<int> minutes = DecodeHours(req.body);
      if (!minutes.ok()) return ProblemResponse(minutes.status());
      return Respond(deps.app.shifts.RecordHours(caller, SignupId{req.Param("signup")}, *minutes), SignupResponse);
    });
  });

  router.Add("POST", "/api/v1/signups/{signup}/swaps", "shifts.propose_swap", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<SwapRequest> body = DecodeSwap(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      return Respond(deps.app.shifts.ProposeSwap(caller, SignupId{req.Param("signup")}, body->to, body->exchange),
                     [](const Swap& s) { return SwapResponse(201, s); });
    });
  });

  for (bool accept : {true, false}) {
    router.Add("POST", accept ? "/api/v1/swaps/{swap}/accept" : "/api/v1/swaps/{swap}/decline",
               accept ? "shifts.accept_swap" : "shifts.decline_swap", [&deps, accept](Request& req) {
                 return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
                   SwapId id{req.Param("swap")};
                   return Respond(accept ? deps.app.shifts.AcceptSwap(caller, id)
                                         : deps.app.shifts.DeclineSwap(caller, id),
                                  [](const Swap& s) { return SwapResponse(200, s); });
                 });
               });
  }

  router.Add("GET", "/api/v1/hubs/{hub}/care-hours", "shifts.care_hours", [&deps](Request& req) {
    return WithCaller(deps, req, {"from", "to"}, false, [&](const Caller& caller) {
      Result<std::optional<Timestamp>> from = TimeQuery(req, "from");
      if (!from.ok()) return ProblemResponse(from.status());
      Result<std::optional<Timestamp>> to = TimeQuery(req, "to");
      if (!to.ok()) return ProblemResponse(to.status());
      return Respond(deps.app.shifts.CareHoursOf(caller, req.Param("hub"), *from, *to),
                     [](const CareHours& c) { return Encoded(200, c, WriteCareHours); });
    });
  });

  router.Add("GET", "/api/v1/me/shifts", "shifts.mine", [&deps](Request& req) {
    return WithCaller(deps, req, {"from"}, false, [&](const Caller& caller) {
      Result<std::optional<Timestamp>> from = TimeQuery(req, "from");
      if (!from.ok()) return ProblemResponse(from.status());
      return Respond(deps.app.shifts.Mine(caller, *from),
                     [](const MySchedule& m) { return Encoded(200, m, WriteMySchedule); });
    });
  });
}

}  // namespace kin::http
