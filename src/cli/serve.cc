// `kin serve`: wires the SQLite store, the app, the HTTP service and the Beast server, and runs until SIGTERM.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

#include "app/app.h"
#include "cli/commands.h"
#include "cli/smtp_sender.h"
#include "federation/curl_http_client.h"
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

// Runs `work` every `interval` on a thread of its own until destroyed.
class Every {
 public:
  Every(std::chrono::milliseconds interval, std::function<void()> work)
      : interval_(interval), work_(std::move(work)), thread_([this] { Run(); }) {}
  ~Every() {
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
      work_();
      lock.lock();
      cv_.wait_for(lock, interval_, [this] { return stop_; });
    }
  }

  std::chrono::milliseconds interval_;
  std::function<void()> work_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

void Report(const char* what, const Status& s) {
  if (!s.ok()) std::fprintf(stderr, "kin: %s failed: %s\n", what, s.ToString().c_str());
}

// Once a minute: expires needs whose window has passed, redacts the personal data of needs closed longer than
// their hub keeps it, opens and closes proposals whose times have come (even when nobody is looking at them),
// tells voters a proposal closes soon, records overdue loans, queues shift reminders, sends what the outbox
// holds and empties the bodies of federation deliveries finished a week ago.
void Sweep(App& app, MessageSender& sender) {
  Report("expiring needs", app.needs.ExpireDue().status());
  Report("redacting needs", app.needs.RedactDue().status());
  Report("opening proposals", app.assembly.OpenDue().status());
  Report("closing proposals", app.assembly.CloseDue().status());
  Report("closing council proposals", app.councils.CloseDue().status());
  Report("reminding of proposals closing soon", app.assembly.RemindClosing().status());
  Report("reminding of council proposals closing soon", app.councils.RemindClosing().status());
  Report("recording overdue loans", app.resources.library.RecordOverdueReminders().status());
  Report("queueing shift notifications", app.shifts.QueueDueNotifications().status());
  Report("sending notifications", app.notifications.Deliver(sender).status());
  Report("forgetting delivered activities' bodies", app.federation.ForgetDeliveredBodies().status());
}

// Runs the allocation engine for each hub soon after it changes (its event log moved), so a new need has
// suggestions within a second, and for every hub every ten minutes, because waiting raises priority.
class SuggestionRunner {
 public:
  explicit SuggestionRunner(App& app) : app_(app) {}

  void Tick() {
    auto now = std::chrono::steady_clock::now();
    if (now >= next_full_) {
      Report("suggesting", app_.suggestions.RefreshAll(cursor_).status());
      next_full_ = now + std::chrono::minutes(10);
    } else {
      Report("suggesting", app_.suggestions.RefreshChanged(cursor_).status());
    }
  }

 private:
  App& app_;
  int64_t cursor_ = 0;
  std::chrono::steady_clock::time_point next_full_{};
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
  AppOptions app_options;
  app_options.public_url = options.public_url;
  App app(*opened->store, clock, app_options);
  federation::CurlOptions curl_options;
  curl_options.allow_private_addresses = options.federation_allow_private_addresses;
  if (curl_options.allow_private_addresses) {
    std::fprintf(stderr, "kin serve: federation may connect to loopback, private and link-local addresses "
                         "(--federation-allow-private-addresses); do not use this on a server open to the internet\n");
  }
  federation::CurlHttpClient federation_http(curl_options);
  FederationConfig federation_config;
  federation_config.public_url = options.public_url;
  federation_config.http = &federation_http;
  federation_config.delivery.first_retry = Seconds(options.federation_retry_seconds);
  federation_config.delivery.give_up_after = Seconds(options.federation_give_up_days * 24LL * 3600);
  app.federation.Configure(federation_config);
  http::ServiceOptions service_options;
  service_options.public_url = options.public_url;
  service_options.login_burst = options.login_burst;
  service_options.login_per_minute = options.login_per_minute;
  service_options.inbox_burst = options.federation_inbox_burst;
  service_options.inbox_per_minute = options.federation_inbox_per_minute;
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
  CurlSmtpSender sender;
  Every sweeper(std::chrono::minutes(1), [&app, &sender] { Sweep(app, sender); });
  // Deliveries to other servers run on their own thread (and its small pool), never on the request threads.
  Every deliverer(std::chrono::seconds(1), [&app] { Report("delivering to other servers", app.federation.DeliverDue().status()); });
  // Escalation of unmet needs fetches other hubs' actor documents, so it runs on its own thread too.
  Every escalator(std::chrono::seconds(options.escalation_sweep_seconds),
                  [&app] { Report("escalating unmet needs", app.escalations.EscalateDue().status()); });
  SuggestionRunner suggestions(app);
  Every suggester(std::chrono::milliseconds(100), [&suggestions] { suggestions.Tick(); });
  std::printf("kin listening on http://%s:%u (database %s, schema %d; links use %s)\n",
              server_options.host.c_str(), server.port(), options.db.c_str(), opened->store->SchemaVersion(),
              options.public_url.c_str());
  std::fflush(stdout);
  server.RunUntilSignal();
  std::printf("kin stopped\n");
  return 0;
}

}  // namespace kin::cli
