// Background sync worker. See worker.h.
#include "sync/worker.h"

#include "sync/fetcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <random>

namespace gk {

int secondsUntilNextAttempt(const SyncSchedule& schedule, int failures, double random01) {
    const double r = std::clamp(random01, 0.0, 1.0);
    if (failures <= 0) {
        const double factor = 1.0 + schedule.jitter * (2.0 * r - 1.0);
        return std::max(1, static_cast<int>(std::lround(schedule.interval_s * factor)));
    }
    const int exponent = std::min(failures - 1, 20);
    const double ceiling =
        std::min<double>(schedule.backoff_cap_s, schedule.backoff_base_s * std::ldexp(1.0, exponent));
    const double bounded = std::min<double>(ceiling, schedule.interval_s);
    return std::max(1, static_cast<int>(std::lround(1.0 + (bounded - 1.0) * r)));
}

int secondsUntilNextAttempt(const SyncSchedule& schedule, int failures, double random01, std::int64_t retry_after_s) {
    constexpr std::int64_t kMaxRetryAfterS = 86400;
    const std::int64_t asked = std::clamp<std::int64_t>(retry_after_s, 0, kMaxRetryAfterS);
    return std::max(secondsUntilNextAttempt(schedule, failures, random01), static_cast<int>(asked));
}

SyncWorker::SyncWorker(SyncRequest request, SyncSchedule schedule, OnReport on_report, WallClock wall_clock)
    : m_request(std::move(request)), m_schedule(schedule), m_on_report(std::move(on_report)),
      m_wall_clock(std::move(wall_clock)), m_thread([this] { run(); }) {}

SyncWorker::~SyncWorker() {
    m_stop = true;
    m_wake.notify_all();
    m_thread.join();
}

void SyncWorker::syncNow() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sync_now = true;
    }
    m_wake.notify_all();
}

std::int64_t SyncWorker::wallNow() const {
    return m_wall_clock ? m_wall_clock() : static_cast<std::int64_t>(std::time(nullptr));
}

bool SyncWorker::waitUntil(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(m_mutex);
    // On the steady clock: a wall clock stepped by years (an RTC reset, then NTP) must not stall
    // the sync rhythm, nor hurry it.
    m_wake.wait_until(lock, deadline, [this] { return m_stop.load() || m_sync_now; });
    m_sync_now = false;
    return !m_stop;
}

void SyncWorker::run() {
    FetcherOptions options;
    options.cancel = &m_stop;
    options.tls = m_request.tls;
    m_request.limits.stop = &m_stop; // reading a large publish stops too: SIGTERM ends `run` within a second
    Fetcher fetcher(options);
    std::mt19937_64 random(std::random_device{}());
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    int failures = 0;
    for (;;) {
        // The next attempt is due delay_s after this one started, on the steady clock: a wall
        // clock stepped during the attempt (NTP at boot, while the first sync is in flight) must
        // neither fire an extra attempt nor skip one.
        const auto started = std::chrono::steady_clock::now();
        SyncRequest request = m_request;
        if (request.now == 0 && m_wall_clock) request.now = m_wall_clock();
        SyncReport report;
        report.outcome = syncOnce(request, fetcher);
        if (m_stop) return;
        failures = report.outcome.result == SyncResult::Failed ? failures + 1 : 0;
        report.state = readStoreState(m_request.data_dir);
        const std::int64_t attempted = report.state.last_attempt != 0 ? report.state.last_attempt : wallNow();
        const std::int64_t delay_s =
            secondsUntilNextAttempt(m_schedule, failures, uniform(random), report.outcome.retry_after_s);
        report.state.next_attempt = attempted + delay_s;
        std::string ignored; // status only: a state file we cannot write does not stop syncing
        writeStoreState(StorePaths(m_request.data_dir), report.state, ignored);
        m_on_report(report);
        if (!waitUntil(started + std::chrono::seconds(delay_s))) return;
    }
}

} // namespace gk
