// The soak of schedule_bench: display mode (kiosk/shell/display_app.h) in a real offscreen GL window,
// driven by an accelerated clock through simulated days, with proof of play written to SQLite
// (kiosk/services/records.h) and new publishes applied during the run. Benchmark support only.
#pragma once

#include "bench_week.h"
#include "sync/content.h"

#include <filesystem>

namespace gk::bench {

struct SoakOptions {
    int days = 7;
    int width = 1920;
    int height = 1080;
    int tick_s = 300;  // a clock frame every tick_s simulated seconds besides the slot changes
    int publishes = 4; // new publishes during the run (0–4): Tue 10:00, Wed 15:07, Fri 09:30, Sat 20:00
};

// Renders a frame at every slot change and every tick_s; prints RSS, heap in use, open fds, the
// SQLite file and the font atlas after warm-up (10 simulated minutes), 1 hour, 1 day and at the
// end. `spec` is the first publish; later ones get new revisions and images. Returns 0, or 1 with
// a message when the window or the records cannot be opened.
int runSoak(const Content& texts, const WeekSpec& spec, const std::filesystem::path& work_dir,
            const SoakOptions& options);

} // namespace gk::bench
