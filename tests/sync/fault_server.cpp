// The fault-injecting HTTP server for the sync tests (fault_server.h). POSIX sockets; every wait
// is a short poll() that also watches the stop flag, so the destructor never hangs.
#include "fault_server.h"

#include "sync/sha256.h"

#include "test_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace gk::test {
namespace fs = std::filesystem;

namespace {

constexpr int kPollMs = 50;
constexpr auto kRequestTimeout = std::chrono::seconds(5);
constexpr auto kLongestStall = std::chrono::seconds(30); // a client that never gives up

const char* reasonPhrase(int status) {
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

bool waitReadable(int fd, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    return poll(&p, 1, timeout_ms) > 0;
}

void sendAll(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) {
            return; // the client went away; nothing to report in a test server
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string lowerAscii(std::string s) {
    for (char& c : s) {
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return s;
}

// The value of header `name` (lowercase) in the request head, or empty.
std::string requestHeader(const std::string& head, const std::string& name) {
    const std::string lower = lowerAscii(head);
    const std::size_t at = lower.find("\r\n" + name + ":");
    if (at == std::string::npos) {
        return {};
    }
    std::size_t begin = at + name.size() + 3;
    const std::size_t end = head.find("\r\n", begin);
    while (begin < end && head[begin] == ' ') {
        ++begin;
    }
    return head.substr(begin, end - begin);
}

} // namespace

Route redirectTo(const std::string& location, int status) {
    Route route;
    route.status = status;
    route.headers = {{"Location", location}};
    return route;
}

FaultServer::FaultServer(IpFamily family, int port) {
    const bool v6 = family == IpFamily::V6;
    m_listen_fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int reuse = 1; // the port of an earlier server may still have connections in TIME_WAIT
    if (m_listen_fd >= 0) setsockopt(m_listen_fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (v6) {
        auto* addr = reinterpret_cast<sockaddr_in6*>(&storage);
        addr->sin6_family = AF_INET6;
        addr->sin6_addr = in6addr_loopback;
        addr->sin6_port = htons(static_cast<std::uint16_t>(port));
        length = sizeof *addr;
    } else {
        auto* addr = reinterpret_cast<sockaddr_in*>(&storage);
        addr->sin_family = AF_INET;
        addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr->sin_port = htons(static_cast<std::uint16_t>(port));
        length = sizeof *addr;
    }
    auto* address = reinterpret_cast<sockaddr*>(&storage);
    if (m_listen_fd < 0 || bind(m_listen_fd, address, length) != 0 || listen(m_listen_fd, 16) != 0 ||
        getsockname(m_listen_fd, address, &length) != 0) {
        const std::string reason = std::strerror(errno);
        if (m_listen_fd >= 0) {
            close(m_listen_fd);
        }
        throw std::runtime_error(std::string("cannot listen on ") + (v6 ? "[::1]" : "127.0.0.1") + ": " + reason);
    }
    m_host = v6 ? "[::1]" : "127.0.0.1";
    m_port = ntohs(v6 ? reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port
                      : reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
    m_thread = std::thread([this] { serve(); });
}

FaultServer::~FaultServer() {
    m_stopping = true;
    shutdown(m_listen_fd, SHUT_RDWR); // wakes a poll() on the listening socket at once
    m_thread.join();
    close(m_listen_fd); // only now: the thread no longer uses the descriptor
}

std::string FaultServer::baseUrl() const {
    return "http://" + m_host + ":" + std::to_string(m_port) + "/";
}

void FaultServer::setRoute(const std::string& path, Route route) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_routes[path] = std::move(route);
}

void FaultServer::serveDirectory(const fs::path& dir) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            Route route;
            route.body = readFile(entry.path());
            route.etag = "\"" + sha256Hex(route.body).substr(0, 16) + "\"";
            setRoute("/" + fs::relative(entry.path(), dir).generic_string(), std::move(route));
        }
    }
}

void FaultServer::afterRequest(const std::string& path, int k, std::function<void(FaultServer&)> change) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_hooks.push_back({path, k, std::move(change)});
}

std::vector<Served> FaultServer::log() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_log;
}

void FaultServer::clearLog() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_log.clear();
}

int FaultServer::requests(const std::string& path) const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    int count = 0;
    for (const Served& served : m_log) {
        count += served.path == path ? 1 : 0;
    }
    return count;
}

void FaultServer::serve() {
    while (!m_stopping) {
        if (!waitReadable(m_listen_fd, kPollMs)) {
            continue;
        }
        const int client = accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0) {
            answer(client);
            close(client);
        }
    }
}

void FaultServer::answer(int client) {
    // The request head up to the blank line, then Content-Length bytes of body (POST).
    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + kRequestTimeout;
    const auto receiveMore = [&]() {
        while (!m_stopping && std::chrono::steady_clock::now() <= deadline) {
            if (!waitReadable(client, kPollMs)) {
                continue;
            }
            char buffer[4096];
            const ssize_t n = recv(client, buffer, sizeof buffer, 0);
            if (n <= 0) {
                return false;
            }
            received.append(buffer, static_cast<std::size_t>(n));
            return true;
        }
        return false;
    };
    while (received.find("\r\n\r\n") == std::string::npos) {
        if (!receiveMore()) {
            return;
        }
    }
    const std::size_t head_end = received.find("\r\n\r\n") + 4;
    const std::string head = received.substr(0, head_end);
    const std::string length = requestHeader(head, "content-length");
    const std::size_t body_bytes = length.empty() ? 0 : std::stoul(length);
    while (received.size() < head_end + body_bytes) {
        if (!receiveMore()) {
            return;
        }
    }
    const std::size_t target = head.find(' ') + 1;
    const std::string path = head.substr(target, head.find_first_of(" ?", target) - target);
    Served served{path, 404, requestHeader(head, "if-none-match"), head.substr(0, target - 1),
                  received.substr(head_end, body_bytes)};

    Route route;
    route.status = 404;
    route.body = "not found";
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (const auto found = m_routes.find(path); found != m_routes.end()) {
            route = found->second;
        }
    }
    const bool not_modified = route.status == 200 && !route.etag.empty() && served.if_none_match == route.etag;
    served.status = not_modified ? 304 : route.status;
    const bool has_body = served.status != 304 && served.status != 204;
    const std::string body = has_body ? route.body : std::string();

    std::string response = "HTTP/1.1 " + std::to_string(served.status) + " " + reasonPhrase(served.status) + "\r\n";
    if (has_body && route.fault != BodyFault::UntilClose) {
        const bool short_length = route.fault == BodyFault::ExtraBytes;
        response += "Content-Length: " + std::to_string(short_length ? route.fault_bytes : body.size()) + "\r\n";
    }
    if (!route.etag.empty()) {
        response += "ETag: " + route.etag + "\r\n";
    }
    for (const auto& [name, value] : route.headers) {
        response += name + ": " + value + "\r\n";
    }
    response += "Connection: close\r\n\r\n";
    const bool cut = route.fault == BodyFault::StallMidBody || route.fault == BodyFault::TruncatedBody;
    const bool trickled = route.fault == BodyFault::Trickle;
    response += trickled ? std::string() : cut ? body.substr(0, route.fault_bytes) : body;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_log.push_back(served);
    }
    sendAll(client, response);
    if (route.fault == BodyFault::StallMidBody && has_body) {
        stallUntilClientLeaves(client);
    }
    if (trickled) {
        trickle(client, body, std::max<std::size_t>(route.fault_bytes, 1));
    }
    runHooksFor(path);
}

void FaultServer::stallUntilClientLeaves(int client) const {
    const auto deadline = std::chrono::steady_clock::now() + kLongestStall;
    while (!m_stopping && std::chrono::steady_clock::now() < deadline) {
        char buffer[256];
        if (waitReadable(client, kPollMs) && recv(client, buffer, sizeof buffer, 0) <= 0) {
            return; // the client aborted the transfer and closed the connection
        }
    }
}

void FaultServer::trickle(int client, std::string_view body, std::size_t step) const {
    while (!body.empty() && !m_stopping) {
        const std::string_view piece = body.substr(0, step);
        if (send(client, piece.data(), piece.size(), MSG_NOSIGNAL | MSG_DONTWAIT) !=
            static_cast<ssize_t>(piece.size())) {
            return; // the client gave up (or the socket buffer is full: a client that stopped reading)
        }
        body.remove_prefix(piece.size());
        char buffer[256];
        if (waitReadable(client, kPollMs) && recv(client, buffer, sizeof buffer, 0) <= 0) {
            return; // the client closed the connection
        }
    }
}

void FaultServer::runHooksFor(const std::string& path) {
    std::vector<std::function<void(FaultServer&)>> due;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        for (auto hook = m_hooks.begin(); hook != m_hooks.end();) {
            if (hook->path == path && --hook->remaining == 0) {
                due.push_back(std::move(hook->change));
                hook = m_hooks.erase(hook);
            } else {
                ++hook;
            }
        }
    }
    for (const auto& change : due) {
        change(*this); // outside the lock: it calls setRoute() or serveDirectory()
    }
}

} // namespace gk::test
