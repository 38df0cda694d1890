#include "http/api_support.h"

#include <cctype>
#include <charconv>

#include "http/json_reader.h"
#include "store/store.h"

namespace kin::http {

std::string BearerToken(const Request& request) {
  // The scheme is case-insensitive (RFC 9110 11.1).
  const std::string& h = request.Header("authorization");
  constexpr std::string_view kScheme = "bearer ";
  if (h.size() <= kScheme.size()) return "";
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(h[i])) != kScheme[i]) return "";
  }
  size_t start = h.find_first_not_of(' ', kScheme.size());
  return start == std::string::npos ? "" : h.substr(start);
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
  // Media types are case-insensitive (RFC 9110 8.3.1); parameters such as charset may follow.
  std::string type = request.Header("content-type");
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view essence = std::string_view(type).substr(0, type.find(';'));
  while (!essence.empty() && essence.back() == ' ') essence.remove_suffix(1);
  if (essence == "application/json") return Status::Ok();
  return Status::Invalid("send the body as JSON with 'Content-Type: application/json'",
                         {{"Content-Type", "must be application/json"}});
}

Result<boost::json::object> JsonBodyOf(const Request& request) {
  Status s = CheckQuery(request, {});
  if (s.ok()) s = RequireJson(request);
  if (!s.ok()) return s;
  return ParseJsonObject(request.body);
}

Result<std::string> OneString(const Request& req, const char* name) {
  Result<boost::json::object> body = JsonBodyOf(req);
  if (!body.ok()) return body.status();
  FieldErrors errors;
  ObjectReader r(*body, "", errors);
  std::optional<std::string> value = r.String(name, true);
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToStatus();
  return *value;
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
