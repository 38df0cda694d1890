// RFC 9457 problem+json responses: the one table from Status kinds to HTTP statuses.
#ifndef KIN_HTTP_PROBLEM_H_
#define KIN_HTTP_PROBLEM_H_

#include "core/status.h"
#include "http/message.h"

namespace kin::http {

int HttpStatusFor(StatusKind kind);

// {"type": "https://kin.invalid/problems/<kind>", "title": ..., "status": ..., "detail": status.message(),
//  "errors": [{"field": ..., "detail": ...}]} with Content-Type application/problem+json.
// Internal errors never reveal their message; it belongs in the log.
Response ProblemResponse(const Status& status);

// The same for HTTP statuses outside the Status table (400, 405, 431): `http_status` and `title` (when not null)
// replace the ones the kind would give.
Response ProblemResponse(const Status& status, int http_status, const char* title);

// A 429 problem with Retry-After.
Response RateLimitedResponse(int retry_after_seconds, const std::string& detail);

}  // namespace kin::http

#endif  // KIN_HTTP_PROBLEM_H_
