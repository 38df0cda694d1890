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

}  // namespace kin::http

#endif  // KIN_HTTP_PROBLEM_H_
