// The HTTP/1.1 server: Boost.Beast on a fixed pool of I/O threads, handlers run on a fixed pool of
// worker threads (they may block on the database). Keep-alive (one request at a time per
// connection; no pipelining), limits on header and body sizes, read and idle timeouts, and graceful
// shutdown: Stop() (and SIGTERM/SIGINT in RunUntilSignal()) stops accepting, closes idle
// connections and lets requests in flight finish.
//
// The transport answers by itself, with problem+json, requests that never reach the handler: 400
// for malformed HTTP or a target that is not a path (origin-form), 431 for headers over
// max_header_bytes. A body over max_body_bytes is not read: the handler gets the head alone with
// Request::refused_status 413 and answers why (the web pages with a page in the reader's language);
// an answer with another status is replaced by a 413 problem+json. After 400 (malformed), 413 and
// 431 the connection is closed.
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
  uint16_t port = 8080;                 // 0: pick a free port (see Server::port())
  int io_threads = 2;                   // threads running the event loop
  int worker_threads = 64;              // threads running handlers; they may block on the database
  size_t max_header_bytes = 16 * 1024;  // larger headers get 431
  size_t max_body_bytes = 1024 * 1024;  // larger bodies get 413 (see Request::refused_status)
  // To receive a whole request from its first byte (on a new connection: from accept); also bounds
  // writing a response. No timeout applies while a handler runs.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};    // keep-alive connection with no request
  std::chrono::seconds shutdown_grace{10};  // longest wait for requests in flight on Stop()
};

// Given every well-formed request, on a worker thread (many at once); returns the response to send.
// Should not throw: a throw is logged to stderr and answered 500. The server adds Content-Length,
// Connection and "Server: kin"; values the handler sets for those framing headers are ignored.
using RequestHandler = std::function<Response(Request&)>;

// Called once per answered request, for access logs and metrics, just before the response is
// written: on a worker thread for handled requests, on an I/O thread for ones the transport
// rejected (then `seconds` is 0 and only method, target and remote_address may be set). Must be
// thread-safe and quick. `seconds` runs on the steady clock from the request being fully read to
// the response being ready.
using RequestObserver = std::function<void(const Request&, const Response&, double seconds)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, RequestObserver observer = nullptr);
  ~Server();  // stops if running

  // Binds (SO_REUSEADDR) and starts the threads. Fails with a clear message if the address is taken
  // or invalid, e.g. "cannot listen on 127.0.0.1:8080: address already in use". Call at most once.
  Status Start();

  // The bound port (useful with port 0). Valid after Start().
  uint16_t port() const;

  // Blocks until SIGTERM or SIGINT, then shuts down gracefully (as Stop()). Also returns once
  // Stop() is called from another thread. Requires a successful Start(); otherwise returns at once.
  void RunUntilSignal();

  // Graceful shutdown; idempotent; safe from any thread except a handler's. Stops accepting, closes
  // idle keep-alive connections, waits up to shutdown_grace for requests in flight to be answered
  // (their responses carry "Connection: close"), then closes the rest and joins all threads. A
  // handler still running after the grace is waited for (threads cannot be interrupted) but its
  // response is dropped; queued requests whose handler never started are dropped.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kin::http

#endif  // KIN_HTTP_SERVER_H_
