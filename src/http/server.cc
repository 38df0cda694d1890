// The Beast transport. Structure (after Beast's advanced server example):
//  - io_threads run one io_context; each connection is a Session whose handlers run on its own
//  strand.
//  - A Session reads one request at a time (no pipelining), hands it to the worker pool, and writes
//  the response
//    the worker posts back to its strand. No read is outstanding while a handler runs, so no
//    timeout applies then.
//  - Timeouts come from beast::tcp_stream: a fresh connection gets read_timeout for its whole first
//  request; a
//    keep-alive connection waits idle_timeout for the first byte of the next request, then
//    read_timeout to receive the rest. Writes get read_timeout too, so a client that never reads
//    cannot pin a connection.
//  - When unread input may remain (a rejected request, bytes after the last request), the
//  connection closes
//    "lingering": send FIN, then discard input for up to kMaxLinger, so a client still sending a
//    rejected body reads our 413 instead of losing it to a connection reset.
//  - Every live Session is registered in ServerState so Stop() can tell each one the server is
//  stopping.
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/problem.h"

namespace kin::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

constexpr size_t kIdleReadBytes = 4096;        // first read of a keep-alive request
constexpr std::chrono::seconds kMaxLinger{2};  // longest discard of input after our last response
constexpr std::chrono::milliseconds kAcceptRetry{
    100};  // after accept fails (e.g. out of file descriptors)

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void LogError(std::string_view what) { std::cerr << "kin http: " << what << std::endl; }

// Fills `out` from a complete Beast request. Returns false with a message when the target is not
// origin-form.
bool ToKinRequest(BeastRequest&& in, const std::string& remote_address, Request* out,
                  std::string* error) {
  out->method = std::string(View(in.method_string()));
  out->target = std::string(View(in.target()));
  out->remote_address = remote_address;
  for (const auto& field : in) {
    std::string name(View(field.name_string()));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = out->headers.try_emplace(std::move(name), View(field.value()));
    if (!inserted) {
      it->second += ", ";
      it->second += View(field.value());
    }
  }
  auto parsed = boost::urls::parse_origin_form(std::string_view(out->target));
  if (!parsed) {
    *error = "the request target is not a valid path and query: " + parsed.error().message();
    return false;
  }
  out->path = parsed->path();
  for (const auto& param : parsed->params()) {
    out->query.emplace_back(param.key, param.has_value ? param.value : std::string());
  }
  out->body = std::move(in.body());
  return true;
}

BeastResponse ToBeastResponse(Response&& in, unsigned version, bool keep_alive, bool head) {
  if (in.status < 100 || in.status > 999) {
    LogError("handler returned invalid status " + std::to_string(in.status));
    in = ProblemResponse(Status::Internal("invalid status"));
  }
  BeastResponse out;
  out.version(version);
  out.result(static_cast<unsigned>(in.status));
  for (auto& [name, value] : in.headers) {
    // The transport owns framing; a handler's own values could desynchronise the connection.
    if (IEquals(name, "content-length") || IEquals(name, "transfer-encoding") ||
        IEquals(name, "connection")) {
      continue;
    }
    out.insert(name, value);
  }
  out.set(bhttp::field::server, "kin");
  // 1xx, 204 and 304 responses have no body; Beast refuses to frame one.
  bool bodyless = in.status < 200 || in.status == 204 || in.status == 304;
  if (!bodyless) out.body() = std::move(in.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (head) out.body().clear();  // keeps the Content-Length of the GET answer, as RFC 9110 allows
  return out;
}

class Session;

// What Sessions share with the server. Outlives every Session (declared first in Server::Impl).
struct ServerState {
  ServerOptions options;
  RequestHandler handler;
  RequestObserver observer;
  asio::thread_pool* workers = nullptr;  // set by Start() before the first accept

  std::mutex mu;
  std::condition_variable sessions_done;  // notified when sessions becomes empty
  bool stopping = false;                  // guarded by mu
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  // guarded by mu
};

// One connection. All methods except Handle() run on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerState& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)), executor_(stream_.get_executor()) {
    beast::error_code ec;
    tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = peer.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true),
                                ec);  // responses go out in one write; don't wait for acks
  }

  ~Session() {
    std::lock_guard<std::mutex> lock(server_.mu);
    server_.sessions.erase(this);
    if (server_.sessions.empty()) server_.sessions_done.notify_all();
  }

  // Callable from any thread.
  void Start() {
    asio::dispatch(executor_, [self = shared_from_this()] { self->NextRequest(); });
  }
  void NotifyStopping() {
    asio::post(executor_, [self = shared_from_this()] { self->OnServerStopping(); });
  }
  void NotifyForceClose() {
    asio::post(executor_, [self = shared_from_this()] { self->Close(); });
  }

 private:
  enum class Phase { kIdle, kReading, kHandling, kWriting, kClosing, kClosed };

  void NextRequest() {
    if (stopping_) return CloseGracefully();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<size_t>(
        server_.options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(static_cast<std::uint64_t>(server_.options.max_body_bytes));
    if (first_request_ || buffer_.size() > 0) return ReadRequest();
    // Keep-alive: wait for the first byte under idle_timeout, then start the read_timeout clock.
    phase_ = Phase::kIdle;
    stream_.expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kIdleReadBytes),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec || self->phase_ == Phase::kClosed) return self->Close();
                              self->buffer_.commit(n);
                              self->ReadRequest();
                            });
  }

  void ReadRequest() {
    phase_ = Phase::kReading;
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      const Status why = Status::TooLarge("the request body is larger than " +
                                          std::to_string(server_.options.max_body_bytes) + " bytes");
      // Beast reports body_limit only once every header field is in (from a Content-Length over the limit, before
      // it marks the header done, or while reading the body), so the head is whole either way. The handler
      // answers (a person posting a form gets a page in their language), without the body.
      if (!parser_) return SendTransportError(413, why);
      linger_ = true;  // the rest of the body may still be on its way
      phase_ = Phase::kHandling;
      stream_.expires_never();
      BeastRequest head = parser_->release();
      head.body().clear();
      head.keep_alive(false);
      asio::post(*server_.workers, [self = shared_from_this(), head = std::move(head), message = why.message(),
                                    started = Clock::now()]() mutable {
        self->Handle(std::move(head), started, 413, std::move(message));
      });
      return;
    }
    if (ec == bhttp::error::header_limit) {
      return SendTransportError(
          431,
          Status::TooLarge("the request headers are larger than " +
                           std::to_string(server_.options.max_header_bytes) + " bytes"),
          "Request header fields too large");
    }
    if (ec) {
      // Parse errors get a 400; the peer closing, a timeout or our own close just end the
      // connection.
      bool parse_error =
          ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
          ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
      if (parse_error && phase_ != Phase::kClosed) {
        return SendTransportError(400, Status::Invalid("malformed HTTP request: " + ec.message()),
                                  "The request is not valid HTTP");
      }
      return Close();
    }
    phase_ = Phase::kHandling;
    stream_.expires_never();
    asio::post(*server_.workers,
               [self = shared_from_this(), request = parser_->release(),
                started = Clock::now()]() mutable { self->Handle(std::move(request), started); });
  }

  // Runs on a worker thread: touches only its arguments and members that never change after
  // construction.
  // `refused_status` (with its reason): the transport refused the body, and the handler only answers why.
  void Handle(BeastRequest beast_request, Clock::time_point started, int refused_status = 0,
              std::string refused_reason = {}) {
    unsigned version = beast_request.version();
    bool keep_alive = beast_request.keep_alive();
    bool head = beast_request.method() == bhttp::verb::head;
    Request request;
    Response response;
    std::string error;
    if (!ToKinRequest(std::move(beast_request), remote_address_, &request, &error)) {
      response = ProblemResponse(Status::Invalid(error), 400, "The request target is not valid");
    } else {
      request.refused_status = refused_status;
      request.refused_reason = std::move(refused_reason);
      try {
        response = server_.handler(request);
      } catch (const std::exception& e) {
        LogError("handler for " + request.method + " " + request.path + " threw: " + e.what());
        response = ProblemResponse(Status::Internal(e.what()));
      } catch (...) {
        LogError("handler for " + request.method + " " + request.path + " threw a non-exception");
        response = ProblemResponse(Status::Internal("unknown exception"));
      }
      // A handler that ignored the refusal must not answer as if it had the body.
      if (refused_status != 0 && response.status != refused_status) {
        response = ProblemResponse(Status::TooLarge(request.refused_reason), refused_status, nullptr);
      }
    }
    Observe(request, response, std::chrono::duration<double>(Clock::now() - started).count());
    BeastResponse out = ToBeastResponse(std::move(response), version, keep_alive, head);
    asio::post(executor_, [self = shared_from_this(), out = std::move(out)]() mutable {
      self->Write(std::move(out));
    });
  }

  void Observe(const Request& request, const Response& response, double seconds) {
    if (!server_.observer) return;
    try {
      server_.observer(request, response, seconds);
    } catch (const std::exception& e) {
      LogError(std::string("request observer threw: ") + e.what());
    }
  }

  // For requests the transport rejects itself; the connection closes after the answer.
  void SendTransportError(int http_status, const Status& status, const char* title = nullptr) {
    Request request;
    request.remote_address = remote_address_;
    unsigned version = 11;
    if (parser_ && parser_->is_header_done()) {
      request.method = std::string(View(parser_->get().method_string()));
      request.target = std::string(View(parser_->get().target()));
      version = parser_->get().version();
    }
    Response response = ProblemResponse(status, http_status, title);
    Observe(request, response, 0);
    linger_ = true;  // the rest of the request may still be on its way
    Write(ToBeastResponse(std::move(response), version, /*keep_alive=*/false, /*head=*/false));
  }

  void Write(BeastResponse response) {
    if (phase_ == Phase::kClosed) return;
    if (stopping_) response.keep_alive(false);
    phase_ = Phase::kWriting;
    response_ = std::move(response);
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_write(
        stream_, response_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnWrite(ec); });
  }

  void OnWrite(beast::error_code ec) {
    bool close = response_.need_eof();
    response_ = {};
    if (ec) return Close();
    if (close) return CloseGracefully();
    first_request_ = false;
    NextRequest();
  }

  void OnServerStopping() {
    stopping_ = true;
    // An idle keep-alive connection closes now; any other finishes its request first (see
    // NextRequest, Write).
    if (phase_ == Phase::kIdle) Close();
  }

  void CloseGracefully() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    size_t unread = stream_.socket().available(ec);
    if (!linger_ && buffer_.size() == 0 && !ec && unread == 0) return Close();
    stream_.expires_after(std::min<Clock::duration>(kMaxLinger, server_.options.read_timeout));
    Linger();
  }

  void Linger() {
    stream_.async_read_some(asio::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec || self->phase_ == Phase::kClosed) return self->Close();
                              self->Linger();
                            });
  }

  void Close() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  ServerState& server_;
  beast::tcp_stream stream_;
  const asio::any_io_executor executor_;  // the connection's strand; read by worker threads
  std::string remote_address_;            // fixed at construction; read by worker threads
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  BeastResponse response_;  // kept alive while async_write runs
  std::array<char, 1024> discard_;
  Phase phase_ = Phase::kReading;
  bool first_request_ = true;
  bool stopping_ = false;
  bool linger_ = false;  // drain input before closing
};

std::string HostPort(const std::string& host, uint16_t port) {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler, RequestObserver observer)
      : ioc_(std::max(1, options.io_threads)),
        work_(asio::make_work_guard(ioc_)),
        acceptor_(asio::make_strand(ioc_)),
        accept_retry_(acceptor_.get_executor()) {
    state_.options = std::move(options);
    state_.handler = std::move(handler);
    state_.observer = std::move(observer);
  }

  ~Impl() { Stop(); }

  Status Start() {
    std::lock_guard<std::mutex> lifecycle(lifecycle_mu_);
    if (started_) return Status::Internal("the server was already started");
    const ServerOptions& options = state_.options;
    std::string where = HostPort(options.host, options.port);
    auto fail = [&](const std::string& why) {
      beast::error_code ignored;
      acceptor_.close(ignored);
      return Status::Unavailable("cannot listen on " + where + ": " + why);
    };

    beast::error_code ec;
    tcp::endpoint endpoint;
    asio::ip::address address = asio::ip::make_address(options.host, ec);
    if (!ec) {
      endpoint = tcp::endpoint(address, options.port);
    } else {
      tcp::resolver resolver(ioc_);
      auto results =
          resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, ec);
      if (ec || results.empty()) {
        return fail("cannot resolve host \"" + options.host + "\"" +
                    (ec ? ": " + Lowercase(ec.message()) : ""));
      }
      endpoint = results.begin()->endpoint();
    }
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) return fail(Lowercase(ec.message()));
    // Lets a restarted server bind while connections of the old one sit in TIME_WAIT. On Linux it
    // does not let two live listeners share a port, so "address already in use" is still reported.
    acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (ec) return fail(Lowercase(ec.message()));
    acceptor_.bind(endpoint, ec);
    if (ec) return fail(Lowercase(ec.message()));
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail(Lowercase(ec.message()));
    port_ = acceptor_.local_endpoint(ec).port();

    workers_.emplace(static_cast<size_t>(std::max(1, options.worker_threads)));
    state_.workers = &*workers_;
    asio::post(acceptor_.get_executor(), [this] { Accept(); });
    int threads = std::max(1, options.io_threads);
    for (int i = 0; i < threads; ++i) io_threads_.emplace_back([this] { ioc_.run(); });
    started_ = true;
    return Status::Ok();
  }

  uint16_t port() const { return port_; }

  void RunUntilSignal() {
    {
      std::lock_guard<std::mutex> lifecycle(lifecycle_mu_);
      if (!started_ || stopped_) return;
    }
    asio::signal_set signals(ioc_, SIGINT, SIGTERM);
    signals.async_wait([this](const beast::error_code& ec, int) {
      if (ec) return;
      std::lock_guard<std::mutex> lock(run_mu_);
      stop_requested_ = true;
      run_cv_.notify_all();
    });
    {
      std::unique_lock<std::mutex> lock(run_mu_);
      run_cv_.wait(lock, [this] { return stop_requested_; });
    }
    // Stop() joins the I/O threads, so `signals` (and its pending wait, if Stop came from
    // elsewhere) is destroyed below while nothing else touches it.
    Stop();
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(run_mu_);
      stop_requested_ = true;
      run_cv_.notify_all();
    }
    std::lock_guard<std::mutex> lifecycle(lifecycle_mu_);
    if (!started_ || stopped_) return;
    stopped_ = true;

    // 1. Stop accepting, and tell every connection: idle ones close now, busy ones after their
    // response.
    asio::post(acceptor_.get_executor(), [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      accept_retry_.cancel();
    });
    for (auto& session : LiveSessions(/*set_stopping=*/true)) session->NotifyStopping();

    // 2. Wait up to shutdown_grace for requests in flight to be answered and their connections to
    // close.
    {
      std::unique_lock<std::mutex> lock(state_.mu);
      state_.sessions_done.wait_for(lock, state_.options.shutdown_grace,
                                    [this] { return state_.sessions.empty(); });
    }

    // 3. Close what is left. Handlers still running are waited for (a thread cannot be
    // interrupted); queued
    //    requests that never started are dropped with their connections.
    for (auto& session : LiveSessions(/*set_stopping=*/false)) session->NotifyForceClose();
    workers_->stop();
    workers_->join();
    work_.reset();
    ioc_.stop();
    for (std::thread& t : io_threads_) t.join();
    io_threads_.clear();
    // Deliver the completions of the closes above so sessions and their sockets go away now, not
    // when the Server is destroyed.
    ioc_.restart();
    ioc_.poll();
  }

 private:
  // Runs on the acceptor's strand.
  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [this](beast::error_code ec, tcp::socket socket) {
                             if (ec == asio::error::operation_aborted || !acceptor_.is_open())
                               return;
                             if (ec) {
                               LogError("accept failed: " + ec.message());
                               accept_retry_.expires_after(kAcceptRetry);
                               accept_retry_.async_wait([this](beast::error_code wait_ec) {
                                 if (!wait_ec && acceptor_.is_open()) Accept();
                               });
                               return;
                             }
                             auto session = std::make_shared<Session>(state_, std::move(socket));
                             {
                               // Under the same lock Stop() uses to set `stopping`, so no
                               // connection escapes its notice.
                               std::lock_guard<std::mutex> lock(state_.mu);
                               if (state_.stopping) return;
                               state_.sessions.emplace(session.get(), session);
                             }
                             session->Start();
                             Accept();
                           });
  }

  // The returned pointers must be dropped outside state_.mu: the last one runs ~Session, which
  // takes it.
  std::vector<std::shared_ptr<Session>> LiveSessions(bool set_stopping) {
    std::vector<std::shared_ptr<Session>> live;
    std::lock_guard<std::mutex> lock(state_.mu);
    if (set_stopping) state_.stopping = true;
    for (auto& [raw, weak] : state_.sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    return live;
  }

  // Declaration order is destruction order in reverse: sessions destroyed by the pool or the
  // io_context unregister themselves from state_, so state_ comes first.
  ServerState state_;
  asio::io_context ioc_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_;
  std::optional<asio::thread_pool> workers_;
  std::vector<std::thread> io_threads_;
  uint16_t port_ = 0;

  std::mutex lifecycle_mu_;  // serialises Start and Stop
  bool started_ = false;     // guarded by lifecycle_mu_
  bool stopped_ = false;     // guarded by lifecycle_mu_

  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool stop_requested_ = false;  // guarded by run_mu_; wakes RunUntilSignal
};

Server::Server(ServerOptions options, RequestHandler handler, RequestObserver observer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(observer))) {}

Server::~Server() = default;

Status Server::Start() { return impl_->Start(); }

uint16_t Server::port() const { return impl_->port(); }

void Server::RunUntilSignal() { impl_->RunUntilSignal(); }

void Server::Stop() { impl_->Stop(); }

}  // namespace kin::http
