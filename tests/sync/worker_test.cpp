// The background sync worker: its wait schedule (interval with jitter, full-jitter backoff) and a
// real run against a file:// portal that publishes while the worker runs.
#include "test_support.h"

#include "sync/worker.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

using namespace gk;

TEST_CASE("after a success the next sync is the interval with bounded jitter", "[worker]") {
    const SyncSchedule schedule{300, 0.2, 15, 3600};
    for (double r : {0.0, 0.25, 0.5, 0.75, 0.999}) {
        const int wait = secondsUntilNextAttempt(schedule, 0, r);
        CHECK(wait >= 240);
        CHECK(wait <= 360);
    }
    CHECK(secondsUntilNextAttempt(schedule, 0, 0.0) < secondsUntilNextAttempt(schedule, 0, 0.999));
}

TEST_CASE("after failures the wait is full jitter under a doubling ceiling", "[worker]") {
    const SyncSchedule schedule{3600, 0.2, 15, 600};
    for (int failures = 1; failures <= 12; ++failures) {
        const double ceiling = std::min(600.0, 15.0 * (1 << (failures - 1)));
        INFO("failures " << failures);
        CHECK(secondsUntilNextAttempt(schedule, failures, 0.0) == 1);
        CHECK(secondsUntilNextAttempt(schedule, failures, 0.999) <= ceiling);
        CHECK(secondsUntilNextAttempt(schedule, failures, 0.999) >= ceiling - 1);
    }
    // Never longer than the normal interval, however many failures.
    const SyncSchedule short_interval{60, 0.2, 15, 3600};
    CHECK(secondsUntilNextAttempt(short_interval, 10, 0.999) <= 60);
}

namespace {

// Collects the worker's reports; waits for a condition with a deadline.
struct Reports {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<SyncReport> list;

    void add(const SyncReport& report) {
        std::lock_guard<std::mutex> lock(mutex);
        list.push_back(report);
        changed.notify_all();
    }
    bool waitFor(std::size_t count) {
        std::unique_lock<std::mutex> lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(20), [&] { return list.size() >= count; });
    }
};

} // namespace

TEST_CASE("the worker syncs at once, on request, and hands over each new publish", "[worker]") {
    test::SyncFixture fx;
    fx.publish();
    Reports reports;
    SyncRequest request = fx.request(0); // real clock
    SyncWorker worker(request, SyncSchedule{3600, 0.2, 15, 3600}, [&](const SyncReport& r) { reports.add(r); });

    REQUIRE(reports.waitFor(1));
    {
        std::lock_guard<std::mutex> lock(reports.mutex);
        const SyncReport& first = reports.list[0];
        CHECK(first.outcome.result == SyncResult::Changed);
        REQUIRE(first.outcome.content != nullptr);
        CHECK(first.state.last_error.empty());
        CHECK(first.state.next_attempt >= first.state.last_attempt + 2880);
        CHECK(readStoreState(fx.data).next_attempt == first.state.next_attempt);
    }

    fx.feed.notices["items"][0]["title"] = "关于调整便民服务中心冬季作息时间的通知";
    fx.publish();
    worker.syncNow(); // the interval is an hour: only the request can explain a second sync
    REQUIRE(reports.waitFor(2));
    std::lock_guard<std::mutex> lock(reports.mutex);
    const SyncReport& second = reports.list[1];
    CHECK(second.outcome.result == SyncResult::Changed);
    REQUIRE(second.outcome.content != nullptr);
    CHECK(second.outcome.content->notices.at(0).title == "关于调整便民服务中心冬季作息时间的通知");
}

TEST_CASE("a failing portal is reported with its error and retried sooner", "[worker]") {
    test::SyncFixture fx; // nothing published: the manifest is missing
    Reports reports;
    SyncWorker worker(fx.request(0), SyncSchedule{3600, 0.2, 15, 3600}, [&](const SyncReport& r) { reports.add(r); });
    REQUIRE(reports.waitFor(1));
    std::lock_guard<std::mutex> lock(reports.mutex);
    const SyncReport& report = reports.list[0];
    CHECK(report.outcome.result == SyncResult::Failed);
    CHECK_FALSE(report.state.last_error.empty());
    CHECK(report.state.next_attempt - report.state.last_attempt <= 15);
}
