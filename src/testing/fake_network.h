// A network in one process for federation tests: hosts map to handlers, any host can be taken down, and every
// request is recorded. FederationServer(app) answers for one App the way src/http/api_federation.cc does, so
// several kin servers (each its own store and hubs) talk to each other without sockets.
#ifndef KIN_TESTING_FAKE_NETWORK_H_
#define KIN_TESTING_FAKE_NETWORK_H_

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "app/app.h"
#include "federation/http_client.h"
#include "federation/url.h"

namespace kin::testing {

class FakeNetwork : public federation::HttpClient {
 public:
  using Server = std::function<federation::InboundResponse(const federation::OutboundRequest&)>;

  void Add(const std::string& host, Server server) {
    std::lock_guard lock(mu_);
    servers_[host] = std::move(server);
  }
  // A host that is down refuses connections, as a stopped server does.
  void SetDown(const std::string& host, bool down) {
    std::lock_guard lock(mu_);
    if (down) down_.insert(host);
    else down_.erase(host);
  }
  std::vector<federation::OutboundRequest> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }

  Result<federation::InboundResponse> Send(const federation::OutboundRequest& request) override {
    Result<federation::UrlParts> url = federation::ParseUrl(request.url);
    if (!url.ok()) return Status::Unavailable("bad URL " + request.url);
    Server server;
    {
      std::lock_guard lock(mu_);
      sent_.push_back(request);
      if (down_.count(url->host) || !servers_.count(url->host)) {
        return Status::Unavailable("connection refused (" + url->host + ")");
      }
      server = servers_[url->host];
    }
    // Called without the lock: a server handling an inbox fetches keys through this same network.
    return server(request);
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, Server> servers_;
  std::set<std::string> down_;
  std::vector<federation::OutboundRequest> sent_;
};

inline int InboxHttpStatus(InboxVerdict v) {
  switch (v) {
    case InboxVerdict::kAccepted: return 202;
    case InboxVerdict::kDuplicate: return 200;
    case InboxVerdict::kIgnored: return 202;
    case InboxVerdict::kTooLarge: return 413;
    case InboxVerdict::kUnsupportedMedia: return 415;
    case InboxVerdict::kMalformed: return 400;
    case InboxVerdict::kUnauthenticated: return 401;
    case InboxVerdict::kForbidden: return 403;
    case InboxVerdict::kNotFound: return 404;
  }
  return 400;
}

// Serves one App's federation documents and inboxes.
inline FakeNetwork::Server FederationServer(App& app) {
  return [&app](const federation::OutboundRequest& r) -> federation::InboundResponse {
    Result<federation::UrlParts> url = federation::ParseUrl(r.url);
    std::string target = url.ok() ? url->target : "/";
    auto doc = [](const Result<std::string>& d) {
      if (!d.ok()) return federation::InboundResponse{d.status().kind() == StatusKind::kNotFound ? 404 : 400, "", ""};
      return federation::InboundResponse{200, "application/activity+json", *d};
    };
    const std::string hubs = "/federation/hubs/";
    if (r.method == "GET" && target.rfind("/.well-known/webfinger?resource=", 0) == 0) {
      return doc(app.federation.WebFinger(target.substr(std::string("/.well-known/webfinger?resource=").size())));
    }
    if (r.method == "GET" && target == "/federation/actor") return doc(app.federation.InstanceActor());
    if (r.method == "GET" && target.rfind(hubs, 0) == 0 && target.find('/', hubs.size()) == std::string::npos) {
      return doc(app.federation.HubActor(target.substr(hubs.size())));
    }
    if (r.method == "POST" && (target == "/federation/inbox" ||
                               (target.rfind(hubs, 0) == 0 && target.size() > 6 &&
                                target.compare(target.size() - 6, 6, "/inbox") == 0))) {
      InboxRequest in{r.method, target, r.headers, r.body, ""};
      if (target != "/federation/inbox") in.hub_slug = target.substr(hubs.size(), target.size() - 6 - hubs.size());
      InboxOutcome out = app.federation.Receive(in);
      return {InboxHttpStatus(out.verdict), "text/plain", out.detail};
    }
    return {404, "text/plain", "not found"};
  };
}

}  // namespace kin::testing

#endif  // KIN_TESTING_FAKE_NETWORK_H_
