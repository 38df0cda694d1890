#include "federation/curl_http_client.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "federation/address_policy.h"

namespace kin::federation {
namespace {

struct Sink {
  std::string body;
  size_t limit;
  bool too_large = false;
};

size_t Write(char* data, size_t size, size_t n, void* user) {
  Sink* sink = static_cast<Sink*>(user);
  size_t bytes = size * n;
  if (sink->body.size() + bytes > sink->limit) {
    sink->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->body.append(data, bytes);
  return bytes;
}

// Decides each socket curl is about to open, by the address it will connect to.
struct Gate {
  bool allow_private;
  std::string refused;  // "127.0.0.1 (loopback)" when a connection was refused, for the error
};

std::optional<IpAddress> AddressOf(const curl_sockaddr* a) {
  if (a->family == AF_INET && a->addrlen >= sizeof(sockaddr_in)) {
    uint8_t b[4];
    std::memcpy(b, &reinterpret_cast<const sockaddr_in*>(&a->addr)->sin_addr, 4);
    return IpAddress::V4(b);
  }
  if (a->family == AF_INET6 && a->addrlen >= sizeof(sockaddr_in6)) {
    uint8_t b[16];
    std::memcpy(b, &reinterpret_cast<const sockaddr_in6*>(&a->addr)->sin6_addr, 16);
    return IpAddress::V6(b);
  }
  return std::nullopt;  // a Unix socket or an unknown family: never for federation
}

curl_socket_t OpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  Gate* gate = static_cast<Gate*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  if (!gate->allow_private) {
    std::optional<IpAddress> ip = AddressOf(address);
    if (!ip) {
      gate->refused = "an address that is not IPv4 or IPv6";
      return CURL_SOCKET_BAD;
    }
    AddressScope scope = ClassifyAddress(*ip);
    if (scope != AddressScope::kPublic) {
      // curl tries the name's other addresses next, if it has any.
      gate->refused = ToString(*ip) + " (" + std::string(ScopeName(scope)) + ")";
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype, address->protocol);
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

CurlHttpClient::CurlHttpClient(CurlOptions options) : options_(options) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<InboundResponse> CurlHttpClient::Send(const OutboundRequest& request) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Internal("cannot start libcurl");
  CURL* c = curl.get();
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  for (const auto& [name, value] : request.headers) {
    std::string line = name + ": " + value;
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  }
  Sink sink{"", options_.max_response_bytes};
  Gate gate{options_.allow_private_addresses, ""};
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe on worker threads
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a signed request is valid for one target only
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes));
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &gate);
  // An operator's http_proxy would be the address connected to, and would hide the peer's from the check.
  curl_easy_setopt(c, CURLOPT_PROXY, "");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "kin (mutual aid; ActivityPub)");
  if (request.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    return Status::Internal("unsupported method " + request.method);
  }
  CURLcode rc = curl_easy_perform(c);
  if (sink.too_large) return Status::Unavailable("the response is larger than " +
                                                 std::to_string(options_.max_response_bytes) + " bytes");
  if (rc != CURLE_OK && !gate.refused.empty()) {
    return Status::Forbidden("refused to connect to " + gate.refused + " for " + request.url +
                             ": federation reaches public addresses only (see --federation-allow-private-addresses)");
  }
  if (rc != CURLE_OK) return Status::Unavailable(std::string(curl_easy_strerror(rc)) + " (" + request.url + ")");
  InboundResponse response;
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  char* type = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  if (type) response.content_type = type;
  response.body = std::move(sink.body);
  return response;
}

}  // namespace kin::federation
