#include "http/api_support.h"

#include <charconv>

#include "http/json_reader.h"
#include "store/store.h"

namespace kin::http {

std::string BearerToken(const Request& request) {
  const std::string& h = request.Header("authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (h.size() <= kPrefix.size() || h.compare(0, kPrefix.size(), kPrefix) != 0) return "";
  return h.substr(kPrefix.size());
}

Result<Caller> CallerOf(ApiDeps& deps, const Request& request) {
  const std::string& h = request.Header("authorization");
  if (h.empty()) return Caller{};
  std::string token = BearerToken(request);
  if (token.empty()) return Status::Unauthenticated("the Authorization header must be 'Bearer <token>'");
  return deps.app.accounts.Authenticate(token);
}

Status CheckQuery(const Request& request, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : request.query) {
    bool known = false;
    for (std::string_view a : allowed) known = known || key == a;
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Status::InvalidField(key, list.empty() ? "is not a known query parameter; this endpoint takes none"
                                                    : "is not a known query parameter; use one of: " + list);
    }
  }
  return Status::Ok();
}

Result<PageRequest> PageOf(const Request& request) {
  PageRequest page;
  if (std::optional<std::string> limit = request.Query("limit")) {
    int value = 0;
    auto r = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (r.ec != std::errc() || r.ptr != limit->data() + limit->size() || value < 1 || value > 200) {
      return Status::InvalidField("limit", "must be a whole number from 1 to 200");
    }
    page.limit = value;
  }
  if (std::optional<std::string> cursor = request.Query("cursor")) {
    if (!IsValidCursor(*cursor)) {
      return Status::InvalidField("cursor", "is not a cursor this server gave out; start again without it");
    }
    page.after = *cursor;
  }
  return page;
}

Status RequireJson(const Request& request) {
  const std::string& type = request.Header("content-type");
  if (type.rfind("application/json", 0) == 0) return Status::Ok();
  return Status::Invalid("send the body as JSON with 'Content-Type: application/json'",
                         {{"Content-Type", "must be application/json"}});
}

Result<std::string> OptionalReason(const Request& request) {
  if (request.body.empty()) return std::string();
  Status s = RequireJson(request);
  if (!s.ok()) return s;
  Result<boost::json::object> body = ParseJsonObject(request.body);
  if (!body.ok()) return body.status();
  FieldErrors errors;
  ObjectReader r(*body, "", errors);
  std::string reason = r.String("reason").value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToStatus();
  return reason;
}

Response JsonResponse(int status, JsonWriter& w) { return Response::Json(status, w.Take()); }

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace kin::http
