// Outbound HTTP for federation (fetching actors and WebFinger, delivering activities) behind an interface, so
// tests run several hubs in one process over a fake network (src/testing/fake_network.h) and the product uses
// libcurl (curl_http_client.h).
#ifndef KIN_FEDERATION_HTTP_CLIENT_H_
#define KIN_FEDERATION_HTTP_CLIENT_H_

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace kin::federation {

struct OutboundRequest {
  std::string method;  // "GET" or "POST"
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct InboundResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

// Thread-safety: implementations may be called from several threads at once.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Any HTTP status is a response; kUnavailable when no response came (refused, timed out, too large).
  virtual Result<InboundResponse> Send(const OutboundRequest& request) = 0;
};

}  // namespace kin::federation

#endif  // KIN_FEDERATION_HTTP_CLIENT_H_
