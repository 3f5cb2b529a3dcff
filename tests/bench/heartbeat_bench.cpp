// Heartbeat backlog benchmark: a records file at its caps (400,000 unsent plays, 2,000 queued
// heartbeats: a kiosk whose portal was gone for months) drained to the in-process HTTP server
// of the tests on 127.0.0.1, while another thread plays the frame loop recording a play every
// 10 ms on its own connection. Prints the drain's wall and CPU time, POSTs and bytes, and what
// the frame loop's recordPlay cost meanwhile (the sender must not stall the screen). A program
// that prints figures, not a test.
// Usage: heartbeat_bench [--plays N] [--heartbeats N]
#include "bench_args.h"
#include "bench_clock.h"
#include "fault_server.h"
#include "kiosk/services/heartbeat.h"
#include "kiosk/services/records.h"
#include "test_support.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

using namespace gk;
using gk::bench::cpuMs;
using gk::bench::wallMs;

namespace {

constexpr std::int64_t kStart = 1795708800; // 2026-11-27T00:00:00+08:00

// The plays go in with plain SQL in one transaction: recordPlay's one transaction per play
// would take minutes, and how they got there is not what is measured.
void fillPlays(const std::filesystem::path& file, long count) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO plays(id, ref, screen_group, start_s, duration_s, reason) "
                       "VALUES(lower(hex(randomblob(16))), ?, 'hall-main', ?, 15, 'scheduled')",
                       -1, &insert, nullptr);
    for (long i = 0; i < count; ++i) {
        const std::string ref = "notice:n-2026-" + std::to_string(i % 200);
        sqlite3_bind_text(insert, 1, ref.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 2, kStart + 15 * i);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

} // namespace

int main(int argc, char** argv) {
    const long plays = std::stol(bench::argAfter(argc, argv, "--plays", "400000"));
    const long heartbeats = std::stol(bench::argAfter(argc, argv, "--heartbeats", "2000"));
    test::TempDir temp;
    std::string error;
    std::unique_ptr<Records> sender_records = Records::open(recordsPathIn(temp.path()), error);
    if (!sender_records) return std::fprintf(stderr, "%s\n", error.c_str()), 1;
    fillPlays(recordsPathIn(temp.path()), plays);
    DeviceStatus status;
    status.device_id = "bench-hall-2f";
    status.version = "0.1.0";
    status.screen_group = "hall-main";
    status.generation = "0123456789abcdef";
    status.sync.last_attempt = status.sync.last_success = kStart;
    status.free_disk_bytes = 50'000'000'000ULL;
    const std::string body = deviceStatusJson(status, 8 * 3600).dump();
    for (long i = 0; i < heartbeats; ++i) sender_records->queueHeartbeat(kStart + 300 * i, body);
    std::printf("backlog: %ld unsent plays, %lld heartbeats, records.sqlite %.1f MiB\n", plays,
                static_cast<long long>(sender_records->heartbeatCount()),
                static_cast<double>(std::filesystem::file_size(recordsPathIn(temp.path()))) / (1024.0 * 1024.0));

    test::FaultServer server;
    test::Route ok;
    ok.body = "{}";
    server.setRoute("/status", ok);
    StatusPosterOptions options;
    options.allow_insecure_http = true;
    StatusPoster poster(options);

    // The frame loop: a play every 10 ms on its own connection, timed, alone first, then during the drain.
    std::atomic<bool> draining{false};
    std::atomic<bool> done{false};
    std::vector<double> alone_ms;
    std::vector<double> record_ms;
    int held_in_memory = 0;
    std::thread frame_loop([&] {
        std::unique_ptr<Records> screen = Records::open(recordsPathIn(temp.path()), error);
        for (std::int64_t n = 0; !done; ++n) {
            const bool during = draining;
            const double before = wallMs();
            const bool written = screen->recordPlay(PlayRecord{"notice:live", "hall-main", kStart + n, 15, "urgent"});
            (during ? record_ms : alone_ms).push_back(wallMs() - before);
            held_in_memory += during && !written ? 1 : 0;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    std::this_thread::sleep_for(std::chrono::seconds(3));
    draining = true;
    const std::atomic<bool> stop{false};
    const double wall_before = wallMs();
    const double cpu_before = cpuMs();
    const FlushResult flushed = flushOutbox(
        *sender_records, poster, server.baseUrl() + "status", "bench-hall-2f", 8 * 3600, [] { return kStart; }, stop,
        [] {
            std::this_thread::sleep_for(kPauseBetweenPosts); // as the sender does
            return true;
        });
    const double wall = wallMs() - wall_before;
    const double cpu = cpuMs() - cpu_before;
    done = true;
    frame_loop.join();

    std::size_t bytes = 0;
    std::size_t largest = 0;
    for (const test::Served& served : server.log()) {
        bytes += served.body.size();
        largest = std::max(largest, served.body.size());
    }
    std::printf("drain: %s, %d POSTs, %lld plays and %lld heartbeats delivered\n",
                flushed.complete ? "complete" : flushed.error.c_str(), flushed.posts,
                static_cast<long long>(flushed.plays_delivered), static_cast<long long>(flushed.heartbeats_delivered));
    std::printf("drain: %.1f s wall, %.1f s CPU (all threads, the test server's included)\n", wall / 1000, cpu / 1000);
    std::printf("bodies: %.1f MiB in all, %.0f KiB largest, %.1f ms per POST\n",
                static_cast<double>(bytes) / (1024.0 * 1024.0), static_cast<double>(largest) / 1024.0,
                wall / std::max(1, flushed.posts));
    std::printf("frame loop alone: %zu recordPlay calls, median %.2f ms, p99 %.2f ms, max %.2f ms\n", alone_ms.size(),
                percentile(alone_ms, 0.5), percentile(alone_ms, 0.99), percentile(alone_ms, 1.0));
    std::printf("frame loop meanwhile: %zu recordPlay calls, median %.2f ms, p99 %.2f ms, max %.2f ms, %d held in "
                "memory (database busy)\n",
                record_ms.size(), percentile(record_ms, 0.5), percentile(record_ms, 0.99), percentile(record_ms, 1.0),
                held_in_memory);
    return flushed.complete ? 0 : 1;
}
