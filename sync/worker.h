// The background sync of `run`: polls the portal on the configured interval with random jitter
// (a thousand kiosks must not poll in step), backs off exponentially with full jitter after a
// failure, can be told to sync now, and hands every result to the caller from its own thread.
// One Fetcher (one reused curl handle) per worker. Must not include SDL, ImGui, GL or curl.
#pragma once

#include "sync/content.h"
#include "sync/store.h"
#include "sync/sync_once.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace gk {

struct SyncSchedule {
    int interval_s = 300;     // the config's sync_interval_s
    double jitter = 0.2;      // each wait is interval × (1 ± jitter)
    int backoff_base_s = 15;  // first retry after a failure: up to this
    int backoff_cap_s = 3600; // never wait longer than this after failures
};

// Seconds until the next attempt after `failures` consecutive failures (0 = the last one
// succeeded). random01 is uniform in [0, 1). After a failure: full jitter, a uniform wait in
// [1, min(cap, base · 2^(failures-1))], but never longer than the normal interval.
int secondsUntilNextAttempt(const SyncSchedule& schedule, int failures, double random01);

// The wait after an attempt: the schedule's, but never sooner than the portal's Retry-After
// (capped at a day, so a mistaken header cannot silence a kiosk for longer).
int secondsUntilNextAttempt(const SyncSchedule& schedule, int failures, double random01, std::int64_t retry_after_s);

// What one attempt produced, as the caller sees it.
struct SyncReport {
    SyncOutcome outcome; // outcome.content is the new publish when outcome.result == Changed
    StoreState state;    // after the attempt, with next_attempt set
};

class SyncWorker {
public:
    using OnReport = std::function<void(const SyncReport&)>;
    // Unix seconds for the state file's timestamps; empty = the system clock. Waits never use it:
    // they run on the steady clock from the start of each attempt (tests step this by years).
    using WallClock = std::function<std::int64_t()>;
    // Starts the thread; the first attempt runs at once.
    SyncWorker(SyncRequest request, SyncSchedule schedule, OnReport on_report, WallClock wall_clock = {});
    ~SyncWorker(); // cancels a transfer in flight and joins
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void syncNow();

private:
    void run();
    bool waitUntil(std::chrono::steady_clock::time_point deadline); // false when stopping
    std::int64_t wallNow() const;

    SyncRequest m_request;
    SyncSchedule m_schedule;
    OnReport m_on_report;
    WallClock m_wall_clock;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_sync_now = false;
    std::thread m_thread;
};

} // namespace gk
