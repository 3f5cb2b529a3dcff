// systemd readiness and watchdog. See watchdog.h.
#include "kiosk/services/watchdog.h"

#include "kiosk/core/log.h"

#include <systemd/sd-daemon.h>

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <string_view>
#include <unistd.h>

namespace gk {

namespace {

constexpr std::int64_t kNoWorker = std::numeric_limits<std::int64_t>::max();

std::int64_t numberFromEnv(const char* name) {
    const char* text = std::getenv(name);
    if (text == nullptr) return -1;
    const std::string_view view(text);
    std::int64_t value = -1;
    const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
    return ec == std::errc() && end == view.data() + view.size() ? value : -1;
}

// WATCHDOG_USEC, when the watchdog is meant for this process. systemd sets WATCHDOG_PID to the
// service's main process, which under cage is the compositor, our parent: sd_watchdog_enabled()
// would say no, so the check is done here and accepts the parent as well.
std::int64_t watchdogUsecForUs() {
    const std::int64_t pid = numberFromEnv("WATCHDOG_PID");
    if (std::getenv("WATCHDOG_PID") != nullptr && pid != getpid() && pid != getppid()) return 0;
    const std::int64_t usec = numberFromEnv("WATCHDOG_USEC");
    return usec > 0 ? usec : 0;
}

} // namespace

Watchdog& Watchdog::instance() {
    static Watchdog watchdog;
    return watchdog;
}

Watchdog::Watchdog() : m_worker_deadline(kNoWorker) {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    m_notify = socket != nullptr && *socket != '\0';
    if (!m_notify) return;
    m_interval = std::chrono::microseconds(watchdogUsecForUs() / 3);
    m_parent = getppid();
}

void Watchdog::ready() {
    if (!m_notify || m_ready_sent) return;
    m_ready_sent = true;
    const int sent = sd_notifyf(0, "MAINPID=%d\nREADY=1\nSTATUS=showing the screen", static_cast<int>(getpid()));
    if (sent <= 0) logLine(LogLevel::Warn, "could not tell systemd the screen is up (sd_notify)");
}

void Watchdog::frameAlive(bool first_frame_shown) {
    if (!m_notify) return; // not under systemd: the common case costs one branch
    if (first_frame_shown && !m_ready_sent) ready();
    if (m_interval.count() <= 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (m_pings > 0 && now - m_last_ping < m_interval) return;
    // Withholding the ping is how the program asks to be restarted: systemd aborts it after
    // WatchdogSec= and Restart=on-failure starts it again.
    const char* withhold = nullptr;
    if (!workerResponsive())
        withhold = "the sync worker has not reported for too long";
    else if (getppid() != m_parent)
        withhold = "the compositor this program ran under is gone";
    if (withhold != nullptr) {
        if (!m_withholding)
            logLine(LogLevel::Error, std::string(withhold) + "; watchdog pings stop so that systemd restarts us");
        m_withholding = true;
        return;
    }
    m_withholding = false;
    sd_notify(0, "WATCHDOG=1");
    m_last_ping = now;
    ++m_pings;
}

// Deadlines are kept on the steady clock: a kiosk without a battery-backed clock boots in the
// past and jumps years ahead at its first NTP sync, which must not look like a hung worker.
std::int64_t Watchdog::steadySeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void Watchdog::workerStarted() {
    m_worker_deadline = steadySeconds() + kWorkerAttemptBoundS;
}

void Watchdog::workerAlive(std::int64_t next_attempt_epoch_s) {
    const std::int64_t sleep_s = next_attempt_epoch_s - static_cast<std::int64_t>(std::time(nullptr));
    m_worker_deadline = steadySeconds() + sleep_s + kWorkerAttemptBoundS;
}

bool Watchdog::workerResponsive() const {
    return steadySeconds() <= m_worker_deadline.load();
}

} // namespace gk
