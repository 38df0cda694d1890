// `kin serve`: wires the SQLite store, the app, the HTTP service and the Beast server, and runs until SIGTERM.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "app/app.h"
#include "cli/commands.h"
#include "cli/smtp_sender.h"
#include "http/server.h"
#include "http/service.h"
#include "web/web.h"

namespace kin::cli {
namespace {

// Splits "HOST:PORT" (or "[v6]:PORT").
bool ParseListen(const std::string& listen, std::string& host, uint16_t& port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 >= listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int value = 0;
  for (char c : listen.substr(colon + 1)) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
    if (value > 65535) return false;
  }
  port = static_cast<uint16_t>(value);
  return !host.empty();
}

// Once a minute until stopped: expires needs whose window has passed, and redacts the personal data of needs
// closed longer than their hub keeps it.
class Sweeper {
 public:
  explicit Sweeper(App& app) : app_(app), thread_([this] { Run(); }) {}
  ~Sweeper() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      Result<int> expired = app_.needs.ExpireDue();
      if (!expired.ok()) std::fprintf(stderr, "kin: expiring needs failed: %s\n", expired.status().ToString().c_str());
      Result<int> redacted = app_.needs.RedactDue();
      if (!redacted.ok()) {
        std::fprintf(stderr, "kin: redacting needs failed: %s\n", redacted.status().ToString().c_str());
      }
      Result<int> queued = app_.shifts.QueueDueNotifications();
      if (!queued.ok()) {
        std::fprintf(stderr, "kin: queueing shift notifications failed: %s\n", queued.status().ToString().c_str());
      }
      Result<int> sent = app_.notifications.Deliver(sender_);
      if (!sent.ok()) std::fprintf(stderr, "kin: sending notifications failed: %s\n", sent.status().ToString().c_str());
      lock.lock();
      cv_.wait_for(lock, std::chrono::minutes(1), [this] { return stop_; });
    }
  }

  App& app_;
  CurlSmtpSender sender_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

int Serve(const ServeOptions& options) {
  http::ServerOptions server_options;
  if (!ParseListen(options.listen, server_options.host, server_options.port)) {
    std::fprintf(stderr, "kin serve: --listen must be HOST:PORT, e.g. 127.0.0.1:8080 (got '%s')\n",
                 options.listen.c_str());
    return 2;
  }
  server_options.worker_threads = options.workers;
  server_options.io_threads = options.io_threads;

  Result<OpenedStore> opened = OpenStore(options.db, options.workers);
  if (!opened.ok()) {
    std::fprintf(stderr, "kin serve: %s\n", opened.status().message().c_str());
    return 1;
  }
  SystemClock clock;
  App app(*opened->store, clock);
  http::ServiceOptions service_options;
  service_options.public_url = options.public_url;
  http::HttpService service(app, service_options);
  web::WebDeps web_deps{app, options.public_url, service.rate_limit()};
  web::RegisterWebRoutes(service.router(), web_deps);
  http::Server server(
      server_options, [&service](http::Request& r) { return service.Handle(r); },
      [&service](const http::Request& req, const http::Response& res, double s) { service.Observe(req, res, s); });
  Status s = server.Start();
  if (!s.ok()) {
    std::fprintf(stderr, "kin serve: %s\n", s.message().c_str());
    return 1;
  }
  Sweeper sweeper(app);
  std::printf("kin listening on http://%s:%u (database %s, schema %d; links use %s)\n",
              server_options.host.c_str(), server.port(), options.db.c_str(), opened->store->SchemaVersion(),
              options.public_url.c_str());
  std::fflush(stdout);
  server.RunUntilSignal();
  std::printf("kin stopped\n");
  return 0;
}

}  // namespace kin::cli
