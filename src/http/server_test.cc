// Talks to a real Server on 127.0.0.1 over plain POSIX sockets, so that the bytes on the wire are
// what the test says they are (and so this file does not pay for compiling Beast).
#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <map>
#include <stdexcept>
#include <thread>

namespace kin::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A connected client socket; closes on destruction.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Receives into buffer_ with a timeout. Returns bytes read, 0 at EOF, -1 on error or timeout.
  ssize_t Receive(milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return -1;
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (n > 0) buffer_.append(chunk, static_cast<size_t>(n));
    return n;
  }

  struct Response {
    int status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
  };

  // Reads one response framed by Content-Length. Fails the test on timeout or early close.
  // For a HEAD request pass head = true: Content-Length then describes a body that is not sent.
  Response Read(bool head_request = false, milliseconds timeout = milliseconds(5000)) {
    Response r;
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (Receive(timeout) <= 0) {
        ADD_FAILURE() << "no complete response header; got: " << buffer_;
        return r;
      }
    }
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    size_t line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    r.status = std::stoi(status_line.substr(status_line.find(' ') + 1, 3));
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t next = head.find("\r\n", pos);
      if (next == std::string::npos) next = head.size();
      std::string line = head.substr(pos, next - pos);
      size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t value_start = line.find_first_not_of(' ', colon + 1);
      r.headers[name] = value_start == std::string::npos ? "" : line.substr(value_start);
      pos = next + 2;
    }
    size_t length = r.headers.count("content-length") && !head_request
                        ? std::stoul(r.headers["content-length"])
                        : 0;
    while (buffer_.size() < length) {
      if (Receive(timeout) <= 0) {
        ADD_FAILURE() << "response body cut short";
        return r;
      }
    }
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return r;
  }

  // True when the server closes the connection (EOF or reset) within `timeout`.
  bool ClosedWithin(milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
      char chunk[4096];
      ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (n <= 0) return true;
    }
    return false;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

std::string Get(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_headers + "\r\n";
}

// Echoes what the transport decoded, one item per line.
Response Echo(Request& r) {
  std::string out = r.method + "\n" + r.path + "\n";
  for (const auto& [k, v] : r.query) out += k + "=" + v + ";";
  out += "\n" + r.Header("x-test") + "\n" + r.remote_address + "\n" + r.body;
  return Response::Text(200, out);
}

class ServerTest : public ::testing::Test {
 protected:
  static ServerOptions SmallOptions() {
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    o.worker_threads = 4;
    o.max_header_bytes = 2048;
    o.max_body_bytes = 1024;
    o.read_timeout = seconds(1);
    o.idle_timeout = seconds(1);
    o.shutdown_grace = seconds(5);
    return o;
  }

  void StartServer(ServerOptions options, RequestHandler handler,
                   RequestObserver observer = nullptr) {
    server_ = std::make_unique<Server>(std::move(options), std::move(handler), std::move(observer));
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_NE(server_->port(), 0);
  }

  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, GetRoundTripDecodesPathQueryAndHeaders) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send(Get("/a%20b/caf%C3%A9?x=1&y=hello%20world&z=a+b&x=2&flag",
                         "X-Test: one\r\nx-test: two\r\n")));
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["server"], "kin");
  EXPECT_EQ(r.headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(r.body, "GET\n/a b/café\nx=1;y=hello world;z=a b;x=2;flag=;\none, two\n127.0.0.1\n");
}

TEST_F(ServerTest, PostBodyArrives) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  ASSERT_TRUE(c.Send("POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"));
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST\n/p\n\n\n127.0.0.1\nhello");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  std::atomic<int> calls{0};
  StartServer(SmallOptions(), [&](Request& r) {
    ++calls;
    return Response::Text(200, r.path);
  });
  Client c(server_->port());
  ASSERT_TRUE(c.Send(Get("/one")));
  Client::Response first = c.Read();
  EXPECT_EQ(first.body, "/one");
  EXPECT_EQ(first.headers.count("connection"), 0u);  // HTTP/1.1 keep-alive is the default
  ASSERT_TRUE(c.Send(Get("/two")));
  EXPECT_EQ(c.Read().body, "/two");
  ASSERT_TRUE(c.Send(Get("/three", "Connection: close\r\n")));
  Client::Response last = c.Read();
  EXPECT_EQ(last.body, "/three");
  EXPECT_EQ(last.headers["connection"], "close");
  EXPECT_TRUE(c.ClosedWithin(milliseconds(2000)));
  EXPECT_EQ(calls.load(), 3);
}

TEST_F(ServerTest, Http10ClosesAfterResponse) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  ASSERT_TRUE(c.Send("GET /old HTTP/1.0\r\n\r\n"));
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(c.ClosedWithin(milliseconds(2000)));
}

TEST_F(ServerTest, HeadSendsNoBody) {
  StartServer(SmallOptions(), [](Request&) { return Response::Text(200, "twelve bytes"); });
  Client c(server_->port());
  ASSERT_TRUE(c.Send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n"));
  Client::Response r = c.Read(/*head=*/true);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-length"], "12");
  ASSERT_TRUE(c.Send(Get("/")));
  Client::Response next = c.Read();
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, "twelve bytes");
}

TEST_F(ServerTest, OversizeBodyGets413ProblemJson) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  std::string body(5000, 'x');
  ASSERT_TRUE(c.Send("POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n"));
  c.Send(body);  // the server may already have answered; it discards the rest
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  EXPECT_NE(r.body.find("the request body is larger than 1024 bytes"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"status\":413"), std::string::npos) << r.body;
  EXPECT_TRUE(c.ClosedWithin(milliseconds(3000)));
}

TEST_F(ServerTest, OversizeBodyReachesTheHandlerAsARefusalWithItsHeadOnly) {
  Request seen;
  std::mutex mu;
  StartServer(SmallOptions(), [&](Request& r) {
    std::lock_guard lock(mu);
    seen = r;
    return Response::Text(r.refused_status != 0 ? r.refused_status : 200, "page for " + r.Header("accept-language"));
  });
  Client c(server_->port());
  ASSERT_TRUE(c.Send("POST /form?x=1 HTTP/1.1\r\nHost: t\r\nAccept-Language: es\r\nContent-Length: 5000\r\n\r\n"));
  c.Send(std::string(5000, 'x'));
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.body, "page for es");
  EXPECT_TRUE(c.ClosedWithin(milliseconds(3000)));
  std::lock_guard lock(mu);
  EXPECT_EQ(seen.refused_status, 413);
  EXPECT_EQ(seen.refused_reason, "the request body is larger than 1024 bytes");
  EXPECT_EQ(seen.path, "/form");
  EXPECT_TRUE(seen.body.empty());
}

TEST_F(ServerTest, OversizeChunkedBodyGets413) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  std::string chunk(800, 'y');
  ASSERT_TRUE(c.Send("POST /p HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"));
  c.Send("320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(c.Read().status, 413);
}

TEST_F(ServerTest, OversizeHeadersGet431) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  ASSERT_TRUE(c.Send(Get("/", "X-Big: " + std::string(4000, 'h') + "\r\n")));
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  EXPECT_NE(r.body.find("\"status\":431"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("larger than 2048 bytes"), std::string::npos) << r.body;
}

TEST_F(ServerTest, MalformedRequestGets400AndClose) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nBad Header Without Colon\r\n\r\n"));
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  EXPECT_NE(r.body.find("malformed HTTP request"), std::string::npos) << r.body;
  EXPECT_TRUE(c.ClosedWithin(milliseconds(3000)));
}

TEST_F(ServerTest, TargetThatIsNotAPathGets400) {
  StartServer(SmallOptions(), Echo);
  for (const char* target : {"/bad%zzescape", "http://example.com/absolute"}) {
    Client c(server_->port());
    ASSERT_TRUE(c.Send(Get(target)));
    Client::Response r = c.Read();
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("not a valid path"), std::string::npos) << r.body;
  }
}

TEST_F(ServerTest, HandlerExceptionBecomes500) {
  StartServer(SmallOptions(),
              [](Request&) -> Response { throw std::runtime_error("secret detail"); });
  Client c(server_->port());
  ASSERT_TRUE(c.Send(Get("/boom")));
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  EXPECT_EQ(r.body.find("secret detail"), std::string::npos) << r.body;
  // The connection stays usable.
  ASSERT_TRUE(c.Send(Get("/boom")));
  EXPECT_EQ(c.Read().status, 500);
}

TEST_F(ServerTest, ObserverSeesEveryResponse) {
  std::mutex mu;
  std::vector<std::pair<std::string, int>> seen;
  StartServer(SmallOptions(), Echo, [&](const Request& req, const Response& res, double seconds) {
    EXPECT_GE(seconds, 0);
    std::lock_guard<std::mutex> lock(mu);
    seen.emplace_back(req.method + " " + req.path, res.status);
  });
  Client c(server_->port());
  ASSERT_TRUE(c.Send(Get("/x")));
  c.Read();
  ASSERT_TRUE(c.Send("POST /y HTTP/1.1\r\nHost: t\r\nContent-Length: 9999\r\n\r\n"));
  c.Read();
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_pair(std::string("GET /x"), 200));
  EXPECT_EQ(seen[1].second,
            413);  // transport errors are observed too (path is empty: never decoded)
}

TEST_F(ServerTest, SlowClientIsCutOffByReadTimeout) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  auto start = Clock::now();
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: t\r\n"));
  bool closed = false;
  for (int i = 0; i < 20 && !closed;
       ++i) {  // trickle one header line every 200 ms, never finishing
    if (!c.Send("X-Slow: 1\r\n")) break;
    closed = c.ClosedWithin(milliseconds(200));
  }
  double elapsed = SecondsSince(start);
  EXPECT_TRUE(closed);
  EXPECT_GE(elapsed, 0.8);
  EXPECT_LT(elapsed, 2.5);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
  ServerOptions options = SmallOptions();
  options.read_timeout = seconds(30);
  StartServer(options, Echo);
  Client c(server_->port());
  ASSERT_TRUE(c.Send(Get("/")));
  c.Read();
  auto start = Clock::now();
  EXPECT_TRUE(c.ClosedWithin(milliseconds(3000)));
  EXPECT_GE(SecondsSince(start), 0.8);
}

TEST_F(ServerTest, HandlerTimeIsNotLimitedByReadTimeout) {
  StartServer(SmallOptions(), [](Request&) {
    std::this_thread::sleep_for(milliseconds(1500));  // longer than read_timeout and idle_timeout
    return Response::Text(200, "slow but fine");
  });
  Client c(server_->port());
  ASSERT_TRUE(c.Send(Get("/")));
  Client::Response r = c.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "slow but fine");
}

TEST_F(ServerTest, StopLetsRequestInFlightFinish) {
  std::atomic<bool> entered{false};
  StartServer(SmallOptions(), [&](Request& r) {
    if (r.path != "/slow") return Response::Text(200, "quick");
    entered = true;
    std::this_thread::sleep_for(milliseconds(500));
    return Response::Text(200, "finished");
  });
  Client idle(server_->port());
  ASSERT_TRUE(idle.Send(Get("/")));
  EXPECT_EQ(idle.Read().body, "quick");  // now an idle keep-alive connection
  Client busy(server_->port());
  ASSERT_TRUE(busy.Send(Get("/slow")));
  while (!entered) std::this_thread::sleep_for(milliseconds(5));

  auto start = Clock::now();
  std::thread stopper([&] { server_->Stop(); });
  Client::Response r = busy.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "finished");
  EXPECT_EQ(r.headers["connection"], "close");
  stopper.join();
  EXPECT_LT(SecondsSince(start), 3.0);  // did not wait out the 5 s grace
  EXPECT_TRUE(idle.ClosedWithin(milliseconds(100)));
  EXPECT_TRUE(busy.ClosedWithin(milliseconds(100)));

  Client late(server_->port());
  EXPECT_FALSE(late.connected());
  server_->Stop();  // idempotent
}

TEST_F(ServerTest, StopGivesUpOnStuckRequestAfterGrace) {
  ServerOptions options = SmallOptions();
  options.shutdown_grace = seconds(1);
  std::atomic<bool> entered{false};
  StartServer(options, [&](Request&) {
    entered = true;
    std::this_thread::sleep_for(milliseconds(2000));
    return Response::Text(200, "too late");
  });
  Client c(server_->port());
  ASSERT_TRUE(c.Send(Get("/")));
  while (!entered) std::this_thread::sleep_for(milliseconds(5));
  auto start = Clock::now();
  server_->Stop();  // waits the grace, then for the running handler, then returns
  double elapsed = SecondsSince(start);
  EXPECT_GE(elapsed, 0.9);
  EXPECT_LT(elapsed, 4.0);
  EXPECT_TRUE(c.ClosedWithin(milliseconds(1000)));
}

TEST_F(ServerTest, PortInUseFailsWithClearMessage) {
  StartServer(SmallOptions(), Echo);
  ServerOptions options = SmallOptions();
  options.port = server_->port();
  Server second(options, Echo);
  Status s = second.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "cannot listen on 127.0.0.1:" + std::to_string(server_->port()) +
                             ": address already in use");
}

TEST_F(ServerTest, BadHostFailsWithClearMessage) {
  ServerOptions options = SmallOptions();
  options.host = "no such host.invalid";
  Server server(options, Echo);
  Status s = server.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cannot listen on no such host.invalid:0: cannot resolve host"),
            std::string::npos)
      << s.message();
}

TEST_F(ServerTest, DestructorStopsRunningServer) {
  StartServer(SmallOptions(), Echo);
  Client c(server_->port());
  ASSERT_TRUE(c.Send(Get("/")));
  c.Read();
  server_.reset();
  EXPECT_TRUE(c.ClosedWithin(milliseconds(1000)));
}

TEST_F(ServerTest, RunUntilSignalReturnsWhenStoppedElsewhere) {
  StartServer(SmallOptions(), Echo);
  std::thread runner([&] { server_->RunUntilSignal(); });
  std::this_thread::sleep_for(milliseconds(50));
  server_->Stop();
  runner.join();
}

TEST_F(ServerTest, RunUntilSignalStopsOnSigterm) {
  // Until the server installs its handler, SIGTERM is ignored rather than fatal; the test waits for
  // the handler to be installed before raising, so the signal is delivered exactly once.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGTERM, &ignore, nullptr);

  StartServer(SmallOptions(), Echo);
  std::atomic<bool> returned{false};
  std::thread runner([&] {
    server_->RunUntilSignal();
    returned = true;
  });
  auto deadline = Clock::now() + seconds(5);
  struct sigaction current {};
  do {
    std::this_thread::sleep_for(milliseconds(5));
    sigaction(SIGTERM, nullptr, &current);
  } while (current.sa_handler == SIG_IGN && Clock::now() < deadline);
  ASSERT_NE(current.sa_handler, SIG_IGN);
  ::kill(::getpid(), SIGTERM);
  runner.join();
  EXPECT_TRUE(returned);
  Client late(server_->port());
  EXPECT_FALSE(late.connected());

  struct sigaction restore {};
  restore.sa_handler = SIG_DFL;
  sigaction(SIGTERM, &restore, nullptr);
}

TEST_F(ServerTest, ManyConcurrentClients) {
  StartServer(SmallOptions(), [](Request& r) { return Response::Text(200, r.path); });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      Client c(server_->port());
      for (int i = 0; i < 20; ++i) {
        std::string path = "/c" + std::to_string(t) + "/" + std::to_string(i);
        if (!c.Send(Get(path))) return;
        if (c.Read().body == path) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 160);
}

}  // namespace
}  // namespace kin::http
