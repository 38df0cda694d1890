#include "http/problem.h"

#include <boost/json.hpp>

#include "core/validation.h"

namespace kin::http {

int HttpStatusFor(StatusKind kind) {
  switch (kind) {
    case StatusKind::kOk: return 200;
    case StatusKind::kInvalid: return 422;
    case StatusKind::kNotFound: return 404;
    case StatusKind::kConflict: return 409;
    case StatusKind::kForbidden: return 403;
    case StatusKind::kUnauthenticated: return 401;
    case StatusKind::kRateLimited: return 429;
    case StatusKind::kTooLarge: return 413;
    case StatusKind::kUnavailable: return 503;
    case StatusKind::kInternal: return 500;
  }
  return 500;
}

namespace {

const char* Slug(StatusKind kind) {
  switch (kind) {
    case StatusKind::kInvalid: return "invalid-input";
    case StatusKind::kNotFound: return "not-found";
    case StatusKind::kConflict: return "conflict";
    case StatusKind::kForbidden: return "forbidden";
    case StatusKind::kUnauthenticated: return "unauthenticated";
    case StatusKind::kRateLimited: return "rate-limited";
    case StatusKind::kTooLarge: return "too-large";
    case StatusKind::kUnavailable: return "unavailable";
    default: return "internal";
  }
}

const char* Title(StatusKind kind) {
  switch (kind) {
    case StatusKind::kInvalid: return "The request has invalid fields";
    case StatusKind::kNotFound: return "Not found";
    case StatusKind::kConflict: return "The current state does not allow this";
    case StatusKind::kForbidden: return "Your role does not allow this";
    case StatusKind::kUnauthenticated: return "Sign in first";
    case StatusKind::kRateLimited: return "Too many attempts";
    case StatusKind::kTooLarge: return "The request is too large";
    case StatusKind::kUnavailable: return "The server cannot take this now";
    default: return "Internal error";
  }
}

}  // namespace

namespace {

// Problem bodies may echo what a client sent (a field name); keep them valid UTF-8 whatever it was.
std::string Printable(const std::string& text) {
  if (IsValidUtf8(text)) return text;
  std::string out;
  for (unsigned char c : text) out += c < 0x80 ? static_cast<char>(c) : '?';
  return out;
}

}  // namespace

Response ProblemResponse(const Status& status) {
  return ProblemResponse(status, HttpStatusFor(status.kind()), Title(status.kind()));
}

Response ProblemResponse(const Status& status, int code, const char* title) {
  boost::json::object body;
  body["type"] = std::string("https://kin.invalid/problems/") + Slug(status.kind());
  body["title"] = title != nullptr ? title : Title(status.kind());
  body["status"] = code;
  body["detail"] = status.kind() == StatusKind::kInternal ? "Something went wrong on the server; it was logged."
                                                          : Printable(status.message());
  if (!status.fields().empty()) {
    boost::json::array errors;
    for (const auto& f : status.fields()) {
      errors.push_back(boost::json::object{{"field", Printable(f.field)}, {"detail", Printable(f.message)}});
    }
    body["errors"] = std::move(errors);
  }
  Response r = Response::Json(code, boost::json::serialize(body));
  r.SetHeader("Content-Type", "application/problem+json");
  if (status.kind() == StatusKind::kUnauthenticated) r.SetHeader("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace kin::http

namespace kin::http {

Response RateLimitedResponse(int retry_after_seconds, const std::string& detail) {
  Response r = ProblemResponse(Status::RateLimited(detail));
  r.SetHeader("Retry-After", std::to_string(retry_after_seconds < 1 ? 1 : retry_after_seconds));
  return r;
}

}  // namespace kin::http
