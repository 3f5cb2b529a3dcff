// The systemd service protocol of `run` (sd_notify, libsystemd): READY=1 once the first frame is
// on the screen, and WATCHDOG=1 pings from the frame loop while the sync worker is also alive, so
// that a hung frame loop or a stuck worker gets the program restarted (the unit's WatchdogSec=).
// Outside systemd (no NOTIFY_SOCKET) every call is a cheap no-op. Owned by kiosk/; the sync worker
// never sees this (sync/ must not link libsystemd): kiosk/cli/commands.cpp reports for it. Must not
// include SDL, ImGui or GL.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <sys/types.h>

namespace gk {

// How long one sync attempt may take before the worker counts as hung. Generous on purpose: a
// slow link may legitimately take hours over a large feed (curl's per-file caps bound each file,
// not the attempt); what this catches is a worker that never comes back (a deadlock).
inline constexpr std::int64_t kWorkerAttemptBoundS = 6 * 3600;

class Watchdog {
public:
    // The program's one instance (the frame loops and the worker's report callback share it).
    static Watchdog& instance();

    // Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID now (tests make their own instances).
    Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    bool notifying() const { return m_notify; }                     // NOTIFY_SOCKET is set
    bool watchdogEnabled() const { return m_interval.count() > 0; } // and WATCHDOG_USEC is for us

    // Sends MAINPID=<this process> and READY=1, once. MAINPID because under cage the service's
    // main process is the compositor, which exits 0 whatever became of its client: with this
    // process as the main one, a crash or watchdog abort is a failure (restart) and the staff
    // panel's exit a clean stop.
    void ready();

    // Called at the top of every frame-loop iteration (the loop wakes at least once a second).
    // Sends READY=1 the first time first_frame_shown is true, and WATCHDOG=1 at most every
    // WATCHDOG_USEC/3 — but only while the worker is responsive and the compositor (the parent
    // this process started under) is still there.
    void frameAlive(bool first_frame_shown);

    // A sync worker was started; its first attempt runs at once.
    void workerStarted();
    // The worker reported an attempt; it sleeps until next_attempt_epoch_s, then tries again.
    // Called from the worker's thread.
    void workerAlive(std::int64_t next_attempt_epoch_s);
    // False when a started worker has not reported within kWorkerAttemptBoundS of its due time.
    bool workerResponsive() const;

    int pingsSent() const { return m_pings; }

private:
    static std::int64_t steadySeconds();

    bool m_notify = false;
    bool m_ready_sent = false;
    std::chrono::microseconds m_interval{0}; // WATCHDOG_USEC / 3; 0 = no watchdog for us
    std::chrono::steady_clock::time_point m_last_ping{};
    pid_t m_parent = 0;
    bool m_withholding = false; // a reason to stop pinging was logged
    int m_pings = 0;
    // Steady-clock second after which a silent worker counts as hung; max = no worker running.
    std::atomic<std::int64_t> m_worker_deadline;
};

} // namespace gk
