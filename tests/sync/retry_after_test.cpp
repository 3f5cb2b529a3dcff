// A portal that answers 503 or 429 with Retry-After, served for real on 127.0.0.1: the sync fails
// with a clear error, keeps the previous generation, and the next attempt honours the header.
#include "test_support.h"

#include "sync/loader.h"
#include "sync/worker.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

using namespace gk;

namespace {

// Answers every request on a free loopback port with one fixed response; stops when destroyed.
class CannedHttpServer {
public:
    explicit CannedHttpServer(std::string response) : m_response(std::move(response)) {
        m_socket = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (bind(m_socket, reinterpret_cast<sockaddr*>(&addr), len) != 0 || listen(m_socket, 8) != 0 ||
            getsockname(m_socket, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            throw std::runtime_error("cannot listen on 127.0.0.1");
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~CannedHttpServer() {
        m_stop = true;
        shutdown(m_socket, SHUT_RDWR);
        close(m_socket);
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/"; }
    int requests() const { return m_requests; }

private:
    void serve() {
        while (!m_stop) {
            const int client = accept(m_socket, nullptr, nullptr);
            if (client < 0) return;
            char buffer[4096];
            (void)!recv(client, buffer, sizeof buffer, 0); // the request; its content does not matter
            ++m_requests;
            (void)!send(client, m_response.data(), m_response.size(), MSG_NOSIGNAL);
            close(client);
        }
    }

    std::string m_response;
    int m_socket = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_requests{0};
    std::thread m_thread;
};

} // namespace

TEST_CASE("503 with Retry-After fails the sync, keeps the store and sets the wait", "[retry_after][http]") {
    const int status = GENERATE(503, 429);
    test::SyncFixture fx;
    fx.publish();
    REQUIRE(syncOnce(fx.request()).result == SyncResult::Changed); // a good generation first
    std::string error;
    const std::string before = loadCurrentContent(fx.data, error)->generation;

    CannedHttpServer server("HTTP/1.1 " + std::to_string(status) +
                            " Busy\r\nRetry-After: 120\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    SyncRequest request = fx.request();
    request.portal_url = server.url();
    request.allow_insecure_http = true;
    const SyncOutcome outcome = syncOnce(request);
    CHECK(server.requests() >= 1);
    CHECK(outcome.result == SyncResult::Failed);
    CHECK(outcome.retry_after_s == 120);
    CHECK(outcome.error.find("HTTP " + std::to_string(status)) != std::string::npos);
    CHECK(loadCurrentContent(fx.data, error)->generation == before);
    CHECK(readStoreState(fx.data).last_error == outcome.error);

    const SyncSchedule schedule{3600, 0.2, 15, 3600};
    CHECK(secondsUntilNextAttempt(schedule, 1, 0.5, outcome.retry_after_s) == 120);
    CHECK(secondsUntilNextAttempt(schedule, 1, 0.5, 10 * 86400) == 86400); // capped
    CHECK(secondsUntilNextAttempt(schedule, 1, 0.0, 0) == 1);
}

TEST_CASE("http:// is refused unless insecure transport is allowed", "[http]") {
    test::SyncFixture fx;
    CannedHttpServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    SyncRequest request = fx.request();
    request.portal_url = server.url();
    const SyncOutcome outcome = syncOnce(request);
    CHECK(outcome.result == SyncResult::Failed);
    CHECK(server.requests() == 0);
    CHECK_FALSE(outcome.error.empty());
}
