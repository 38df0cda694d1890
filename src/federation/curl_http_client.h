// HttpClient over libcurl, with timeouts and a cap on what a peer may send back, so a slow or hostile peer
// costs a bounded amount of time and memory, and (unless allowed) no connection to a loopback, private,
// link-local or otherwise non-public address (address_policy.h): the address is checked as each socket is
// opened, after DNS, so a name that resolves to 127.0.0.1 (or re-resolves to it later) is refused too. Redirects
// are never followed.
#ifndef KIN_FEDERATION_CURL_HTTP_CLIENT_H_
#define KIN_FEDERATION_CURL_HTTP_CLIENT_H_

#include <cstddef>

#include "federation/http_client.h"

namespace kin::federation {

struct CurlOptions {
  long connect_timeout_ms = 5000;  // a peer that does not answer the connection
  long total_timeout_ms = 15000;   // a peer that answers too slowly
  size_t max_response_bytes = 1024 * 1024;
  // Connect to non-public addresses too: for tests on loopback and hubs federating only inside one LAN.
  bool allow_private_addresses = false;
};

class CurlHttpClient : public HttpClient {
 public:
  explicit CurlHttpClient(CurlOptions options = {});
  Result<InboundResponse> Send(const OutboundRequest& request) override;

 private:
  CurlOptions options_;
};

}  // namespace kin::federation

#endif  // KIN_FEDERATION_CURL_HTTP_CLIENT_H_
