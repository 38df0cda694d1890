// The HTTP/1.1 server: Boost.Beast on a fixed pool of I/O threads, handlers run on a fixed pool of worker
// threads (they may block on the database). Keep-alive, limits on header and body sizes, read and idle timeouts,
// and graceful shutdown: Stop() (and SIGTERM/SIGINT in Run()) stops accepting, lets requests in flight finish,
// then closes idle connections.
//
// This header is small on purpose: Beast and Asio stay inside server.cc.
#ifndef KIN_HTTP_SERVER_H_
#define KIN_HTTP_SERVER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/message.h"

namespace kin::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;                            // 0: pick a free port (see Server::port())
  int io_threads = 2;                              // threads running the event loop
  int worker_threads = 64;                         // threads running handlers; they may block on the database
  size_t max_header_bytes = 16 * 1024;             // larger headers get 431
  size_t max_body_bytes = 1024 * 1024;             // larger bodies get 413 problem+json
  std::chrono::seconds read_timeout{30};           // to receive a whole request once it starts
  std::chrono::seconds idle_timeout{60};           // keep-alive connection with no request
  std::chrono::seconds shutdown_grace{10};         // longest wait for requests in flight on Stop()
};

// Given every well-formed request; returns the response to send. Must not throw (a throw becomes a 500).
using RequestHandler = std::function<Response(Request&)>;

// Called once per finished request, for access logs and metrics.
using RequestObserver = std::function<void(const Request&, const Response&, double seconds)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, RequestObserver observer = nullptr);
  ~Server();  // stops if running

  // Binds and starts the threads. Fails with a clear message if the address is taken or invalid.
  Status Start();

  // The bound port (useful with port 0). Valid after Start().
  uint16_t port() const;

  // Blocks until SIGTERM or SIGINT, then shuts down gracefully. Requires Start().
  void RunUntilSignal();

  // Graceful shutdown; idempotent; safe from any thread except a handler's.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kin::http

#endif  // KIN_HTTP_SERVER_H_
