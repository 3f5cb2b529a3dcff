// A small HTTP/1.1 server inside the test process that serves canned responses and injects the
// faults a real portal or network produces: error statuses, stalls, truncated or overlong bodies,
// redirects, a publish that changes mid-sync. It owns one listening socket on 127.0.0.1 or ::1
// (a free port), one background thread that answers one connection at a time with
// "Connection: close", the route table and a log of what it answered. GET, and POST with a
// Content-Length body (kept in the log; routes do not depend on the method): no keep-alive, no
// chunked encoding, no compression. Test code only; never linked into the program.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace gk::test {

enum class BodyFault {
    None,          // Content-Length and body as given
    StallMidBody,  // headers and the first fault_bytes of the body, then silence until the client gives up
    TruncatedBody, // Content-Length of the whole body, only fault_bytes of it, then close
    ExtraBytes,    // Content-Length: fault_bytes, then the whole (longer) body anyway
    UntilClose,    // no Content-Length: the body ends when the connection closes
    Trickle,       // Content-Length of the whole body, sent fault_bytes at a time every 50 ms (a
                   // portal slow enough to outlast a sync, steady enough for any low-speed limit)
};

struct Route {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // extra response headers
    std::string etag; // sent as ETag; a request whose If-None-Match equals it is answered 304
    BodyFault fault = BodyFault::None;
    std::size_t fault_bytes = 0;
};

// A route that answers `status` with a Location header.
Route redirectTo(const std::string& location, int status = 302);

// One answered request, in order.
struct Served {
    std::string path;
    int status = 0;
    std::string if_none_match; // as the client sent it; empty when absent
    std::string method;        // "GET", "POST"
    std::string body;          // the request body (POST)
};

enum class IpFamily { V4, V6 };

class FaultServer {
public:
    // Listens on the loopback address of the family, on a free port or on `port` (a server
    // started again where an earlier one was: clients see a portal that was down and is back);
    // throws std::runtime_error when it cannot.
    explicit FaultServer(IpFamily family = IpFamily::V4, int port = 0);
    int port() const { return m_port; }
    ~FaultServer(); // stops promptly, even while a stalled response is in progress
    FaultServer(const FaultServer&) = delete;
    FaultServer& operator=(const FaultServer&) = delete;

    std::string baseUrl() const; // "http://127.0.0.1:PORT/" or "http://[::1]:PORT/"

    void setRoute(const std::string& path, Route route); // replaces; safe while serving
    // Serves every file under dir at "/<relative path>" with 200 and an ETag from its SHA-256,
    // replacing any earlier route (and its fault) for those paths.
    void serveDirectory(const std::filesystem::path& dir);
    // Runs change on the server thread once, right after the k-th request for path from now on
    // was answered and before the next connection is accepted, so the client's next request
    // already sees it.
    void afterRequest(const std::string& path, int k, std::function<void(FaultServer&)> change);

    std::vector<Served> log() const;
    void clearLog();
    int requests(const std::string& path) const; // in the log

private:
    struct Hook {
        std::string path;
        int remaining = 0;
        std::function<void(FaultServer&)> change;
    };

    void serve();
    void answer(int client);
    void runHooksFor(const std::string& path);
    void stallUntilClientLeaves(int client) const;
    void trickle(int client, std::string_view body, std::size_t step) const;

    int m_listen_fd = -1;
    std::string m_host; // "127.0.0.1" or "[::1]"
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex; // guards m_routes, m_hooks and m_log
    std::map<std::string, Route> m_routes;
    std::vector<Hook> m_hooks;
    std::vector<Served> m_log;
    std::thread m_thread;
};

} // namespace gk::test
