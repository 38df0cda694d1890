// The HTTP face of a hub: the route table (API, health, metrics, OpenAPI), rate limits, protective headers and
// request metrics, over an App. Independent of the transport, so tests can call Handle() directly.
#ifndef KIN_HTTP_SERVICE_H_
#define KIN_HTTP_SERVICE_H_

#include <functional>
#include <memory>
#include <string>

#include "app/app.h"
#include "http/message.h"
#include "http/router.h"

namespace kin::http {

// Limits shared by everything that accepts sign-ins and public requests, keyed by what is limited
// ("login-ip:<ip>", "intake:<ip>", "inbox:<ip>"): 0 when the attempt may proceed, else the seconds to wait.
using RateLimit = std::function<int(const std::string& key)>;

struct ServiceOptions {
  std::string public_url = "http://127.0.0.1:8080";  // base of links handed out (invites, status links)
  double login_burst = 10;             // sign-in attempts at once, per address and per handle
  double login_per_minute = 6;         // then this many a minute
  double intake_burst = 30;            // public requests at once, per address
  double intake_per_minute = 30;       // then this many a minute
  // Activities posted to the inboxes, per address: generous for peers delivering in bursts, a ceiling on how much
  // signature checking (and fetching of signing keys) one address can make this server do.
  double inbox_burst = 300;
  double inbox_per_minute = 600;
};

class HttpService {
 public:
  HttpService(App& app, ServiceOptions options);
  ~HttpService();

  // Answers one request. Never throws: a failure inside becomes a 500 problem and a log line.
  Response Handle(Request& request);

  // Records the finished request in the metrics.
  void Observe(const Request& request, const Response& response, double seconds);

  const Router& router() const;
  RateLimit rate_limit() const;
  // For adding routes served beside the API (the web pages) before the server starts.
  Router& router();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The OpenAPI 3.1 document describing every route (src/http/openapi.json, compiled in).
const std::string& OpenApiDocument();

}  // namespace kin::http

#endif  // KIN_HTTP_SERVICE_H_
