// Plain request and response values passed between the Beast transport (server.cc) and the handlers, so that
// handlers never include Boost.Beast or Asio.
#ifndef KIN_HTTP_MESSAGE_H_
#define KIN_HTTP_MESSAGE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kin::http {

struct Request {
  std::string method;  // upper case: "GET", "POST", ...
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // names lower-cased
  std::string body;
  std::string remote_address;  // peer IP, for rate limits
  std::map<std::string, std::string> params;  // path parameters, filled by the Router
  std::string route;  // name of the matched route ("needs.list"), set by the service; for metrics and logs
  // Set by the transport when it refused the request's body (413: over max_body_bytes): the head is whole, the
  // body empty, and the answer must be an error with this status (a page for people, problem+json for the API).
  int refused_status = 0;
  std::string refused_reason;

  // Empty when absent.
  const std::string& Header(const std::string& lower_name) const;
  std::optional<std::string> Query(const std::string& name) const;
  const std::string& Param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  bool HasHeader(std::string_view name) const;  // case-insensitive
  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

}  // namespace kin::http

#endif  // KIN_HTTP_MESSAGE_H_
