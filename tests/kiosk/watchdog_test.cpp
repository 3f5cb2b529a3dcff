// kiosk/watchdog: what reaches systemd's notify socket. The test plays systemd: it binds an
// AF_UNIX datagram socket, points NOTIFY_SOCKET at it and reads what libsystemd sends.
#include "kiosk/services/watchdog.h"

#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

// A bound notify socket in a fresh directory, with the environment systemd would set.
class FakeSystemd {
public:
    explicit FakeSystemd(const char* watchdog_usec) {
        char dir_template[] = "/tmp/gk-watchdog-XXXXXX";
        m_dir = mkdtemp(dir_template);
        m_path = m_dir + "/notify";
        m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        m_path.copy(address.sun_path, sizeof(address.sun_path) - 1);
        REQUIRE(bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
        setenv("NOTIFY_SOCKET", m_path.c_str(), 1);
        if (watchdog_usec != nullptr)
            setenv("WATCHDOG_USEC", watchdog_usec, 1);
        else
            unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
    }
    ~FakeSystemd() {
        close(m_fd);
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    FakeSystemd(const FakeSystemd&) = delete;
    FakeSystemd& operator=(const FakeSystemd&) = delete;

    // Every datagram received since the last call.
    std::vector<std::string> received() {
        std::vector<std::string> messages;
        char buffer[4096];
        for (;;) {
            const ssize_t n = recv(m_fd, buffer, sizeof(buffer), 0);
            if (n < 0) break;
            messages.emplace_back(buffer, static_cast<std::size_t>(n));
        }
        return messages;
    }

private:
    std::string m_dir, m_path;
    int m_fd = -1;
};

int count(const std::vector<std::string>& messages, const std::string& needle) {
    int n = 0;
    for (const std::string& m : messages) n += m.find(needle) != std::string::npos ? 1 : 0;
    return n;
}

std::int64_t epochNow() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

constexpr auto kPingInterval = std::chrono::milliseconds(100); // WATCHDOG_USEC=300000 / 3

} // namespace

TEST_CASE("watchdog: outside systemd every call is a no-op", "[watchdog]") {
    unsetenv("NOTIFY_SOCKET");
    gk::Watchdog watchdog;
    CHECK_FALSE(watchdog.notifying());
    CHECK_FALSE(watchdog.watchdogEnabled());
    watchdog.frameAlive(true);
    watchdog.ready();
    CHECK(watchdog.pingsSent() == 0);
}

TEST_CASE("watchdog: READY=1 with MAINPID once the first frame is shown and only once", "[watchdog]") {
    FakeSystemd systemd(nullptr);
    gk::Watchdog watchdog;
    CHECK(watchdog.notifying());
    CHECK_FALSE(watchdog.watchdogEnabled());
    watchdog.frameAlive(false);
    CHECK(systemd.received().empty()); // nothing on the screen yet: not ready
    watchdog.frameAlive(true);
    const std::vector<std::string> first = systemd.received();
    REQUIRE(first.size() == 1);
    CHECK(first[0].find("READY=1") != std::string::npos);
    CHECK(first[0].find("MAINPID=" + std::to_string(getpid())) != std::string::npos);
    watchdog.frameAlive(true);
    watchdog.ready();
    CHECK(systemd.received().empty());
}

TEST_CASE("watchdog: WATCHDOG=1 at most every WATCHDOG_USEC/3", "[watchdog]") {
    FakeSystemd systemd("300000");
    gk::Watchdog watchdog;
    REQUIRE(watchdog.watchdogEnabled());
    watchdog.workerStarted();
    for (int i = 0; i < 20; ++i) watchdog.frameAlive(true);
    std::vector<std::string> messages = systemd.received();
    CHECK(count(messages, "READY=1") == 1);
    CHECK(count(messages, "WATCHDOG=1") == 1); // twenty frames in a burst: one ping
    std::this_thread::sleep_for(kPingInterval + std::chrono::milliseconds(20));
    watchdog.frameAlive(true);
    watchdog.frameAlive(true);
    messages = systemd.received();
    CHECK(count(messages, "WATCHDOG=1") == 1);
    CHECK(count(messages, "READY=1") == 0);
    CHECK(watchdog.pingsSent() == 2);
}

TEST_CASE("watchdog: no WATCHDOG=1 while the sync worker is overdue", "[watchdog]") {
    FakeSystemd systemd("300000");
    gk::Watchdog watchdog;
    watchdog.workerStarted();
    CHECK(watchdog.workerResponsive());
    // The worker's last report said it would try again long enough ago that it should have
    // reported since: it is hung.
    watchdog.workerAlive(epochNow() - gk::kWorkerAttemptBoundS - 10);
    CHECK_FALSE(watchdog.workerResponsive());
    for (int i = 0; i < 3; ++i) {
        watchdog.frameAlive(true);
        std::this_thread::sleep_for(kPingInterval + std::chrono::milliseconds(10));
    }
    std::vector<std::string> messages = systemd.received();
    CHECK(count(messages, "READY=1") == 1);
    CHECK(count(messages, "WATCHDOG=1") == 0);
    // It reports again (from its own thread, as the real worker does): pings resume at once.
    std::thread([&watchdog] { watchdog.workerAlive(epochNow() + 300); }).join();
    CHECK(watchdog.workerResponsive());
    watchdog.frameAlive(true);
    messages = systemd.received();
    CHECK(count(messages, "WATCHDOG=1") == 1);
}

TEST_CASE("watchdog: a watchdog meant for another process is not ours", "[watchdog]") {
    FakeSystemd systemd("300000");
    // Neither this process nor its parent (the compositor).
    setenv("WATCHDOG_PID", std::to_string(std::max(getpid(), getppid()) + 1).c_str(), 1);
    gk::Watchdog other;
    CHECK(other.notifying());
    CHECK_FALSE(other.watchdogEnabled());
    setenv("WATCHDOG_PID", std::to_string(getppid()).c_str(), 1); // cage started us
    gk::Watchdog under_cage;
    CHECK(under_cage.watchdogEnabled());
}
