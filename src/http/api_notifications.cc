// Notifications: a member's messages and reminder preferences, and a hub's mail server (coordinators).
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/json_reader.h"

namespace kin::http {
namespace {

void WriteMessage(JsonWriter& w, const OutboxMessage& m) {
  w.BeginObject()
      .Field("id", m.id.value)
      .Field("hub", m.hub.value)
      .Field("channel", m.channel)
      .Field("kind", m.kind)
      .Field("subject", m.subject)
      .Field("body", m.body)
      .Key("created_at").Time(m.created_at);
  w.Key("sent_at");
  if (m.sent_at) {
    w.Time(*m.sent_at);
  } else {
    w.Null();
  }
  w.EndObject();
}

Response OffsetsResponse(const std::vector<Minutes>& offsets) {
  JsonWriter w;
  w.BeginObject().Key("offsets_minutes").BeginArray();
  for (Minutes o : offsets) w.Int(o.count());
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

// Never the password: only whether one is set.
Response SmtpResponse(const std::optional<SmtpView>& smtp) {
  JsonWriter w;
  w.BeginObject().Key("smtp");
  if (smtp) {
    const SmtpSettings& s = smtp->settings;
    w.BeginObject()
        .Field("host", s.host)
        .Field("port", s.port)
        .Field("from", s.from)
        .Field("username", s.username)
        .Field("password_set", smtp->password_set)
        .EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  return JsonResponse(200, w);
}

Result<std::vector<Minutes>> DecodeOffsets(const boost::json::object& obj) {
  FieldErrors errors;
  std::vector<Minutes> out;
  const boost::json::value* list = obj.if_contains("offsets_minutes");
  if (list == nullptr) {
    errors.Add("offsets_minutes", "is required: a list of minutes before each shift, e.g. [1440, 120]");
  } else if (!list->is_array()) {
    errors.Add("offsets_minutes", "must be an array of whole numbers of minutes");
  } else {
    const boost::json::array& items = list->as_array();
    for (size_t i = 0; i < items.size() && i < 100; ++i) {
      if (!items[i].is_int64()) {
        errors.Add("offsets_minutes[" + std::to_string(i) + "]", "must be a whole number of minutes");
      } else {
        out.push_back(Minutes(items[i].as_int64()));
      }
    }
  }
  for (const auto& kv : obj) {
    if (kv.key() != "offsets_minutes") errors.Add(std::string(kv.key()), "is not a field of this request");
  }
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

struct SmtpRequest {
  SmtpSettings settings;
  bool keep_password = false;  // "password" absent: keep the stored one; null clears it
};

Result<SmtpRequest> DecodeSmtp(const boost::json::object& obj) {
  FieldErrors errors;
  ObjectReader r(obj, "", errors);
  SmtpRequest out;
  SmtpSettings& s = out.settings;
  s.host = r.String("host", true).value_or("");
  if (auto port = r.Int("port")) s.port = static_cast<int>(std::clamp<int64_t>(*port, -1, 70000));
  s.from = r.String("from", true).value_or("");
  if (!r.TakeNull("username")) s.username = r.String("username").value_or("");
  out.keep_password = !r.Has("password");
  if (!r.TakeNull("password")) s.password = r.String("password").value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

}  // namespace

void RegisterNotificationRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/me/notifications", "notifications.mine", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(deps.app.notifications.Mine(caller, *page), [](const Page<OutboxMessage>& p) {
        return Response::Json(200, EncodePage(p, WriteMessage));
      });
    });
  });

  router.Add("GET", "/api/v1/me/reminders", "notifications.get_reminders", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.notifications.ReminderOffsets(caller), OffsetsResponse);
    });
  });

  router.Add("PUT", "/api/v1/me/reminders", "notifications.set_reminders", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = JsonBodyOf(req);
      if (!body.ok()) return ProblemResponse(body.status());
      Result<std::vector<Minutes>> offsets = DecodeOffsets(*body);
      if (!offsets.ok()) return ProblemResponse(offsets.status());
      return Respond(deps.app.notifications.SetReminderOffsets(caller, *offsets), OffsetsResponse);
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/smtp", "notifications.get_smtp", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.notifications.Smtp(caller, req.Param("hub")), SmtpResponse);
    });
  });

  router.Add("PUT", "/api/v1/hubs/{hub}/smtp", "notifications.set_smtp", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = JsonBodyOf(req);
      if (!body.ok()) return ProblemResponse(body.status());
      Result<SmtpRequest> smtp = DecodeSmtp(*body);
      if (!smtp.ok()) return ProblemResponse(smtp.status());
      return Respond(deps.app.notifications.SetSmtp(caller, req.Param("hub"), smtp->settings, smtp->keep_password),
                     SmtpResponse);
    });
  });

  router.Add("DELETE", "/api/v1/hubs/{hub}/smtp", "notifications.remove_smtp", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      Result<std::optional<SmtpView>> r = deps.app.notifications.SetSmtp(caller, req.Param("hub"), std::nullopt);
      if (!r.ok()) return ProblemResponse(r.status());
      return NoContent();
    });
  });
}

}  // namespace kin::http
