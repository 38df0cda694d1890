// Calendar feeds of shifts (RFC 5545): a hub's open shifts for anyone, and each member's own places behind a
// private, revocable link. Feeds carry no one's name: the public one shows free places, the private one only its
// owner's places.
#include "http/api_support.h"
#include "http/ics_writer.h"
#include "schedule/civil_time.h"

namespace kin::http {
namespace {

Response Calendar(std::string body) {
  Response r = Response::Text(200, std::move(body), "text/calendar; charset=utf-8");
  return r;
}

std::string FreePlaces(const OpenOccurrence& o) {
  std::string out = "Free places:";
  for (size_t i = 0; i < o.free.size(); ++i) {
    out += (i ? ", " : " ") + o.free[i].first + " " + std::to_string(o.free[i].second);
  }
  return out;
}

}  // namespace

void RegisterShiftCalendarRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/shifts.ics", "shifts.open_calendar", [&deps](Request& req) {
    Status s = CheckQuery(req, {});
    if (!s.ok()) return ProblemResponse(s);
    Result<OpenShifts> open = deps.app.shifts.OpenOccurrences(req.Param("hub"));
    if (!open.ok()) return ProblemResponse(open.status());
    const Timestamp now = deps.app.clock().Now();
    IcsWriter ics(open->hub_name + ": open shifts");
    for (const OpenOccurrence& o : open->occurrences) {
      const Shift& shift = open->shifts[o.shift];
      ics.BeginEvent();
      ics.Text("UID", shift.id.value + "-" + schedule::FormatLocalTime(o.occurrence.occurrence) + "@kin");
      ics.Time("DTSTAMP", now);
      ics.Time("DTSTART", o.occurrence.start);
      ics.Time("DTEND", o.occurrence.end);
      ics.Text("SUMMARY", shift.details.name);
      ics.Text("LOCATION", shift.details.place);
      std::string description = shift.details.description;
      ics.Text("DESCRIPTION", (description.empty() ? "" : description + "\n") + FreePlaces(o));
      ics.EndEvent();
    }
    return Calendar(ics.Finish());
  });

  router.Add("GET", "/api/v1/calendars/{token}", "shifts.private_calendar", [&deps](Request& req) {
    Status s = CheckQuery(req, {});
    if (!s.ok()) return ProblemResponse(s);
    Result<MySchedule> mine = deps.app.shifts.CalendarOf(req.Param("token"));
    if (!mine.ok()) return ProblemResponse(mine.status());
    const Timestamp now = deps.app.clock().Now();
    IcsWriter ics("My shifts");
    for (const SignupView& v : mine->signups) {
      const bool waiting = v.signup.status == SignupStatus::kWaiting;
      ics.BeginEvent();
      ics.Text("UID", v.signup.id.value + "@kin");
      ics.Time("DTSTAMP", now);
      ics.Time("DTSTART", v.signup.start);
      ics.Time("DTEND", v.signup.end);
      ics.Text("SUMMARY", v.shift_name + ": " + v.signup.role + (waiting ? " (waiting list)" : ""));
      ics.Text("LOCATION", v.place);
      ics.Raw("STATUS", waiting ? "TENTATIVE" : "CONFIRMED");
      ics.EndEvent();
    }
    return Calendar(ics.Finish());
  });

  router.Add("POST", "/api/v1/me/calendar-token", "shifts.new_calendar_token", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.shifts.NewCalendarToken(caller), [&](const std::string& token) {
        JsonWriter w;
        w.BeginObject()
            .Field("token", token)
            .Field("url", deps.public_url + "/api/v1/calendars/" + token)
            .EndObject();
        return JsonResponse(201, w);
      });
    });
  });

  router.Add("DELETE", "/api/v1/me/calendar-token", "shifts.revoke_calendar_token", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      Status s = deps.app.shifts.RevokeCalendarToken(caller);
      if (!s.ok()) return ProblemResponse(s);
      return NoContent();
    });
  });
}

}  // namespace kin::http
