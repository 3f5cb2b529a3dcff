// Scheduler cost and a week-long soak of the information screen. A program that prints figures,
// not a test (docs/benchmarks.md, "Scheduler cost and a 7-day soak").
//
// 1. Scheduler (display/info/scheduler.h) over a simulated week (Mon 2026-11-30 … Sun, +08:00) with a
//    500-item playlist (bench_week.h: durations 5–60 s, weekdays, office-hour and overnight
//    windows, date ranges, 5 urgent notices that start and end during the week, a ticker), once
//    as generated and once "daytime only" (nights fall back: the scheduler's costliest path):
//    Rotation::at() at each slot change (then nextChangeAfter, as the screen sleeps until it), and
//    at() once a second for the whole week (604,800 calls, what the frame loop's clock does);
//    CPU time, mean / p50 / p99 / max µs per call, peak RSS; rotationSinceMidnight at 23:59.
// 2. Soak (schedule_soak.h): display mode in an offscreen GL window (Mesa llvmpipe) with an
//    accelerated clock through 7 days, with proof of play in SQLite and 4 new publishes: RSS, heap,
//    open fds, SQLite size and the font atlas after warm-up, 1 hour, 1 day and 7 days.
//
// Usage: schedule_bench [--only scheduler|soak] [--days N] [--size WxH] [--tick S] [--publishes N]
//                       [--keep]
//   --days: soak length in simulated days (7); --size: window (1920x1080); --tick: a clock frame
//   every S simulated seconds besides the slot changes (300); --publishes: 0–4 (4); --keep: keep
//   the temporary directory.
// Sets SDL_VIDEODRIVER=offscreen when unset (SDL_VIDEODRIVER=x11 with DISPLAY runs it under X).
// Texts come from assets/demo-portal (synced into a temporary store); everything else is built in
// code, so runs are reproducible.
#include "bench_args.h"
#include "bench_clock.h"
#include "bench_proc.h"
#include "bench_week.h"
#include "kiosk/shell/display_app.h"
#include "schedule_soak.h"
#include "sync/loader.h"
#include "sync/sync_once.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace gk;
using namespace gk::bench;

namespace {

double nowUs() {
    using namespace std::chrono;
    return duration<double, std::micro>(steady_clock::now().time_since_epoch()).count();
}

void printCalls(const char* what, std::vector<double> us, double cpu_ms) {
    std::sort(us.begin(), us.end());
    double sum = 0;
    for (const double u : us) sum += u;
    const auto at = [&us](double q) { return us[std::min(us.size() - 1, static_cast<std::size_t>(q * us.size()))]; };
    std::printf("  %-34s %9zu calls, %8.1f ms CPU; per call mean %6.2f µs, p50 %6.2f, p99 %6.2f, max %7.1f\n", what,
                us.size(), cpu_ms, sum / static_cast<double>(us.size()), at(0.5), at(0.99), us.back());
}

// Slot by slot: at() at each slot's end, then nextChangeAfter() as the screen does before it sleeps.
void benchSlotChanges(const Playlist& playlist, const Content& content) {
    Rotation rotation(playlist, content, kWeekUtcOffsetS, weekStart());
    const std::int64_t end = weekStart() + kWeekSeconds;
    std::vector<double> us;
    std::map<std::string, int> by_reason;
    const double cpu = cpuMs();
    for (std::int64_t t = weekStart(); t < end;) {
        const double a = nowUs();
        const Slot& slot = rotation.at(t);
        us.push_back(nowUs() - a);
        ++by_reason[std::string(slotReasonName(slot.reason))];
        t = rotation.nextChangeAfter(t);
        if (t == kNever) break;
    }
    const double cpu_ms = cpuMs() - cpu;
    std::printf("  slots in the week: %zu (", us.size());
    for (const auto& [reason, n] : by_reason) std::printf(" %s %d", reason.c_str(), n);
    std::printf(" )\n");
    printCalls("at() per slot change:", us, cpu_ms);
}

// The frame loop's clock: at(t) every second for the whole week.
void benchEverySecond(const Playlist& playlist, const Content& content) {
    Rotation rotation(playlist, content, kWeekUtcOffsetS, weekStart());
    std::vector<double> us;
    us.reserve(static_cast<std::size_t>(kWeekSeconds));
    const double cpu = cpuMs();
    for (std::int64_t t = weekStart(); t < weekStart() + kWeekSeconds; ++t) {
        const double a = nowUs();
        rotation.at(t);
        us.push_back(nowUs() - a);
    }
    printCalls("at() once a second, 7 days:", us, cpuMs() - cpu);
}

// Start-up at 23:59: the rotation replays the day from midnight (the most it ever replays).
void benchSinceMidnight(const Playlist& playlist, const Content& content) {
    double worst = 0, total = 0;
    std::size_t slots = 0;
    for (int day = 0; day < 7; ++day) {
        const std::int64_t midnight = weekStart() + day * 86400;
        const double c = cpuMs();
        const auto rotation = rotationSinceMidnight(playlist, content, kWeekUtcOffsetS, midnight + 86340);
        const double ms = cpuMs() - c;
        worst = std::max(worst, ms), total += ms;
        slots += rotation->plan(midnight, midnight + 86340).size();
    }
    std::printf("  rotationSinceMidnight at 23:59: mean %.1f ms CPU, worst %.1f ms (7 days; %zu slots replayed a "
                "day on average)\n",
                total / 7, worst, slots / 7);
}

void benchScheduler(const Content& texts, const WeekSpec& spec, const char* variant) {
    const auto content = makeWeekContent(texts, spec);
    const Playlist playlist = weekPlaylist(*content);
    std::printf("scheduler, %s: %zu-item playlist, %zu notices (5 urgent), %zu guides, %zu disclosures; RSS %.1f MiB\n",
                variant, playlist.items.size(), content->notices.size(), content->guides.size(),
                content->disclosures.size(), rssMiB());
    benchSlotChanges(playlist, *content);
    benchEverySecond(playlist, *content);
    benchSinceMidnight(playlist, *content);
}

} // namespace

int main(int argc, char** argv) {
    const std::string only = argAfter(argc, argv, "--only", "");
    SoakOptions soak;
    soak.days = std::stoi(argAfter(argc, argv, "--days", "7"));
    soak.tick_s = std::stoi(argAfter(argc, argv, "--tick", "300"));
    soak.publishes = std::clamp(std::stoi(argAfter(argc, argv, "--publishes", "4")), 0, 4);
    if (std::sscanf(argAfter(argc, argv, "--size", "1920x1080").c_str(), "%dx%d", &soak.width, &soak.height) != 2)
        return std::puts("--size is WxH, e.g. 1920x1080"), 2;
    char dir_template[] = "/tmp/schedule-bench-XXXXXX";
    if (mkdtemp(dir_template) == nullptr) return std::perror("mkdtemp"), 1;
    const std::filesystem::path work = dir_template;

    SyncRequest request; // the demo portal's texts: titles, bodies, guide fields
    request.portal_url = "file://" + (std::filesystem::path(GONGKAI_SOURCE_DIR) / "assets/demo-portal/").string();
    request.data_dir = work / "demo";
    if (syncOnce(request).result == SyncResult::Failed) return std::puts("sync of the demo portal failed"), 1;
    std::string error;
    const auto texts = loadCurrentContent(request.data_dir, error);
    if (!texts) return std::printf("cannot load the demo portal: %s\n", error.c_str()), 1;

    WeekSpec spec;
    spec.objects_dir = work / "objects";
    spec.images = writeWeekImages(spec.objects_dir, 6, 100);
    if (only.empty() || only == "scheduler") {
        benchScheduler(*texts, spec, "mixed schedules, 30% of items always on");
        WeekSpec daytime = spec;
        daytime.daytime_only = true;
        benchScheduler(*texts, daytime, "daytime only: every item scheduled, evenings and nights fall back");
        std::printf("  peak RSS of the process so far: %.1f MiB\n", peakRssMiB());
    }
    int status = 0;
    if (only.empty() || only == "soak") status = runSoak(*texts, spec, work, soak);
    if (!hasFlag(argc, argv, "--keep"))
        std::filesystem::remove_all(work);
    else
        std::printf("kept %s\n", work.c_str());
    return status;
}
