// The sync worker under a hostile wall clock: a kiosk boots with its RTC years off and NTP then
// steps the clock by years, forward or back. The worker's wall clock is injected (the steady
// clock is the real one): the state file's timestamps follow the wall clock, the sync rhythm
// follows the steady clock — a step of -6 or +6 years between syncs neither stalls the next sync
// nor fires an extra one.
#include "test_support.h"

#include "sync/worker.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>
#include <vector>

using namespace gk;

namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr std::int64_t kSixYears = 6 * 365 * 86400 + 2 * 86400; // with two leap days

struct Attempt {
    SteadyClock::time_point seen; // when the worker reported it, on the steady clock
    std::int64_t wall_offset_s;   // the wall clock's offset while it ran
    SyncReport report;
};

// Collects the worker's reports; the wall clock steps right after some of them, before the
// worker goes on to wait for the next attempt.
struct Attempts {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Attempt> list;

    std::size_t add(const SyncReport& report, std::int64_t offset) {
        std::lock_guard<std::mutex> lock(mutex);
        list.push_back({SteadyClock::now(), offset, report});
        changed.notify_all();
        return list.size();
    }
    bool waitFor(std::size_t count, std::chrono::seconds limit) {
        std::unique_lock<std::mutex> lock(mutex);
        return changed.wait_for(lock, limit, [&] { return list.size() >= count; });
    }
};

std::int64_t realNow() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

} // namespace

TEST_CASE("wall clock steps of -6 and +6 years between syncs keep the sync rhythm", "[worker][clock]") {
    test::SyncFixture fx;
    fx.publish();
    std::atomic<std::int64_t> offset{0};
    // The wall clock's offset after attempt N (1-based): back 6 years, forward to the real time
    // (the NTP step of a kiosk that booted in the past), forward 6 years, back to the real time.
    const std::vector<std::int64_t> offset_after = {-kSixYears, -kSixYears, 0, kSixYears, kSixYears, 0, 0, 0};
    Attempts attempts;
    const SyncSchedule every_second{1, 0.0, 15, 3600}; // no jitter: one attempt a second
    SyncWorker worker(
        fx.request(0), every_second,
        [&](const SyncReport& report) {
            const std::size_t n = attempts.add(report, offset.load());
            offset = offset_after[std::min(n, offset_after.size()) - 1];
        },
        [&offset] { return realNow() + offset.load(); });

    const std::size_t wanted = offset_after.size();
    REQUIRE(attempts.waitFor(wanted, std::chrono::seconds(30))); // a stall of years never gets here
    const auto last = attempts.list.back().seen;
    // No extra attempts: at one a second, nothing more within the next 600 ms.
    std::this_thread::sleep_until(last + std::chrono::milliseconds(600));

    std::lock_guard<std::mutex> lock(attempts.mutex);
    CHECK(attempts.list.size() == wanted);
    for (std::size_t i = 0; i < wanted; ++i) {
        const Attempt& a = attempts.list[i];
        INFO("attempt " << i + 1 << " with the wall clock offset by " << a.wall_offset_s << " s");
        CHECK(a.report.outcome.result == (i == 0 ? SyncResult::Changed : SyncResult::Unchanged));
        CHECK(a.report.state.last_error.empty());
        // The state file's times are the wall clock's, years off or not; the next attempt is a
        // second after the last one in the same clock.
        const std::int64_t wall = realNow() + a.wall_offset_s;
        CHECK(a.report.state.last_attempt <= wall);
        CHECK(a.report.state.last_attempt >= wall - 30);
        CHECK(a.report.state.next_attempt == a.report.state.last_attempt + 1);
        if (i == 0) continue;
        // The rhythm: a second apart on the steady clock, after a step back (no stall) and after a
        // step forward (no extra attempt at once: that one would come within milliseconds). Seen
        // when reported, so the gap is the interval give or take the difference between the two
        // attempts' own durations (the first, which fetches everything, is the slowest).
        const double gap = std::chrono::duration<double>(a.seen - attempts.list[i - 1].seen).count();
        INFO("gap " << gap << " s");
        CHECK(gap >= 0.5);
        CHECK(gap <= 2.5);
    }
    CHECK(readStoreState(fx.data).last_attempt == attempts.list.back().report.state.last_attempt);
}

TEST_CASE("a wall clock stepped while the worker waits neither wakes it nor holds it", "[worker][clock]") {
    test::SyncFixture fx;
    fx.publish();
    std::atomic<std::int64_t> offset{0};
    Attempts attempts;
    const SyncSchedule every_two_seconds{2, 0.0, 15, 3600};
    SyncWorker worker(
        fx.request(0), every_two_seconds, [&](const SyncReport& report) { attempts.add(report, offset.load()); },
        [&offset] { return realNow() + offset.load(); });
    REQUIRE(attempts.waitFor(1, std::chrono::seconds(20)));
    // Half-way through each wait: +6 years, then -6 years (back to real), then -6 years.
    for (const std::int64_t step : {kSixYears, std::int64_t{0}, -kSixYears}) {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        offset = step;
        std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    }
    REQUIRE(attempts.waitFor(4, std::chrono::seconds(10)));
    std::lock_guard<std::mutex> lock(attempts.mutex);
    for (std::size_t i = 1; i < attempts.list.size(); ++i) {
        const double gap = std::chrono::duration<double>(attempts.list[i].seen - attempts.list[i - 1].seen).count();
        INFO("attempt " << i + 1 << ", gap " << gap << " s");
        CHECK(gap >= 1.5); // see above
        CHECK(gap <= 3.5);
        CHECK(attempts.list[i].report.state.next_attempt == attempts.list[i].report.state.last_attempt + 2);
    }
}
