// The soak of schedule_bench. See schedule_soak.h.
//
// The clock: frames at every slot change (when the screen's rotation says the picture changes,
// found with a second Rotation that gets the same playlists and publishes as the app's own) and
// at every tick_s of simulated time; each frame as the real loop draws it once the picture is
// settled (no fade steps, partial redraw when the back buffer allows it), then presented.
#include "schedule_soak.h"

#include "bench_clock.h"
#include "bench_proc.h"
#include "kiosk/services/records.h"
#include "kiosk/shell/display_app.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

namespace gk::bench {
namespace {

constexpr std::int64_t kDay = 86400;

struct Checkpoint {
    const char* label;
    std::int64_t at_s;
};

class SoakRun {
public:
    SoakRun(ScreenWindow& window, Records& records, const Content& texts, const WeekSpec& spec,
            const SoakOptions& options, std::filesystem::path db)
        : m_window(window), m_records(records), m_texts(texts), m_spec(spec), m_options(options), m_db(std::move(db)) {
        m_content = makeWeekContent(m_texts, m_spec);
        m_app = std::make_unique<DisplayApp>(m_window, HallContext{m_content, kWeekGroup, kWeekUtcOffsetS});
        m_app->hall().setRecords(&m_records);
        // Each publish brings new images, so the texture cache has something to collect.
        for (int r = 1; r <= m_options.publishes; ++r)
            m_publish_images.push_back(writeWeekImages(m_spec.objects_dir, 6, 100 + r));
    }

    void run();
    long slotChanges() const { return m_slot_changes; }

private:
    void frame(std::int64_t t);
    void publish(std::int64_t t, int revision);
    void report(const char* label);

    ScreenWindow& m_window;
    Records& m_records;
    const Content& m_texts;
    WeekSpec m_spec;
    SoakOptions m_options;
    std::filesystem::path m_db;
    std::shared_ptr<Content> m_content;
    std::unique_ptr<DisplayApp> m_app;
    std::unique_ptr<Rotation> m_shadow; // the same rotation as the app's: when the next slot starts
    std::vector<std::vector<PlaylistImage>> m_publish_images;
    long m_full_frames = 0, m_partial_frames = 0, m_slot_changes = 0;
    double m_wall0 = wallMs(), m_cpu0 = cpuMs();
    long m_reported_frames = 0; // frames and CPU ms at the last report
    double m_reported_cpu = 0;
};

void SoakRun::run() {
    const std::int64_t start = weekStart(), end = start + m_options.days * kDay;
    std::vector<std::int64_t> publishes = {start + kDay + 10 * 3600, start + 2 * kDay + 15 * 3600 + 420,
                                           start + 4 * kDay + 9 * 3600 + 1800, start + 5 * kDay + 20 * 3600};
    publishes.resize(static_cast<std::size_t>(m_options.publishes));
    std::vector<Checkpoint> checkpoints = {{"warm-up (10 min)", start + 600}, {"1 hour", start + 3600}};
    if (end > start + kDay) checkpoints.push_back({"1 day", start + kDay});
    checkpoints.push_back({"end", end});
    std::printf("  %-17s %7s %7s %6s %7s %6s %7s %8s %8s %4s %7s %7s %9s %9s\n", "simulated", "wall s", "CPU s", "full",
                "partial", "ms/fr", "plays", "RSS MiB", "heap MiB", "fds", "db KiB", "wal KiB", "atlas", "images");
    m_wall0 = wallMs(), m_cpu0 = m_reported_cpu = cpuMs();
    std::size_t next_checkpoint = 0, next_publish = 0;
    for (std::int64_t t = start; t < end;) {
        if (next_publish < publishes.size() && publishes[next_publish] <= t) {
            ++next_publish;
            publish(t, static_cast<int>(next_publish));
        }
        frame(t);
        std::int64_t next =
            std::min({m_shadow->nextChangeAfter(t), t - (t - start) % m_options.tick_s + m_options.tick_s, end});
        if (next_publish < publishes.size()) next = std::min(next, publishes[next_publish]);
        for (; next_checkpoint < checkpoints.size() && next >= checkpoints[next_checkpoint].at_s; ++next_checkpoint)
            report(checkpoints[next_checkpoint].label);
        t = next;
    }
}

void SoakRun::frame(std::int64_t t) {
    if (!m_shadow) m_shadow = rotationSinceMidnight(weekPlaylist(*m_content), *m_content, kWeekUtcOffsetS, t);
    if (m_shadow->at(t).start_s == t) ++m_slot_changes;
    const std::vector<ScreenWindow::Damage> damage = m_app->renderFrame(t, true, m_app->partialRedrawSafe());
    m_window.present(damage);
    ++(damage.empty() ? m_full_frames : m_partial_frames);
}

// A new publish as the sync worker hands it over: new generation, some notices reworded, new images.
void SoakRun::publish(std::int64_t t, int revision) {
    WeekSpec spec = m_spec;
    spec.revision = revision;
    spec.images = m_publish_images[static_cast<std::size_t>(revision - 1)];
    m_content = makeWeekContent(m_texts, spec);
    SyncReport report;
    report.outcome.result = SyncResult::Changed;
    report.outcome.generation = m_content->generation;
    report.outcome.content = m_content;
    report.state.last_attempt = report.state.last_success = t;
    m_app->hall().applySyncReport(report, t);
    m_shadow->update(weekPlaylist(*m_content), *m_content, t);
}

void SoakRun::report(const char* label) {
    const ImTextureData* atlas = ImGui::GetIO().Fonts->TexData;
    const std::string atlas_size = std::to_string(atlas->Width) + "x" + std::to_string(atlas->Height);
    const long frames = m_full_frames + m_partial_frames;
    const double cpu = cpuMs(), per_frame = (cpu - m_reported_cpu) / static_cast<double>(frames - m_reported_frames);
    m_reported_frames = frames, m_reported_cpu = cpu;
    const std::string images = std::to_string(m_app->textures().count()) + "/" +
                               std::to_string(m_app->textures().bytes() / (1024 * 1024)) + "M";
    std::printf("  %-17s %7.1f %7.1f %6ld %7ld %6.1f %7lld %8.1f %8.1f %4d %7.0f %7.0f %9s %9s\n", label,
                (wallMs() - m_wall0) / 1000, (cpu - m_cpu0) / 1000, m_full_frames, m_partial_frames, per_frame,
                static_cast<long long>(m_records.playCount()), rssMiB(), heapInUseMiB(), openFds(),
                static_cast<double>(fileBytes(m_db)) / 1024,
                static_cast<double>(fileBytes(m_db.string() + "-wal")) / 1024, atlas_size.c_str(), images.c_str());
    std::fflush(stdout);
}

} // namespace

int runSoak(const Content& texts, const WeekSpec& spec, const std::filesystem::path& work_dir,
            const SoakOptions& options) {
    setenv("SDL_VIDEODRIVER", "offscreen", 0); // the tests set it; a bare run gets it here
    FontFiles fonts;
    std::string error;
    if (!locateFonts(fonts, error)) return std::printf("soak: %s\n", error.c_str()), 1;
    ScreenWindow window;
    if (!window.open(WindowOptions{true, false, options.width, options.height, true}, fonts, error))
        return std::printf("soak: %s\n", error.c_str()), 1;
    const std::filesystem::path db = recordsPathIn(work_dir / "data");
    const std::unique_ptr<Records> records = Records::open(db, error);
    if (!records) return std::printf("soak: records: %s\n", error.c_str()), 1;
    std::printf("soak: %d simulated days at %dx%d (%s), a frame at each slot change and every %d s, %d publishes; "
                "RSS %.1f MiB with the window open\n",
                options.days, options.width, options.height, SDL_GetCurrentVideoDriver(), options.tick_s,
                options.publishes, rssMiB());
    long slot_changes = 0;
    {
        SoakRun run(window, *records, texts, spec, options, db); // the app goes before the records
        run.run();
        slot_changes = run.slotChanges();
    }
    std::printf("  slot changes %ld, plays recorded %lld (the last slot is recorded when the app closes, with the "
                "real clock: not counted); peak RSS %.1f MiB\n",
                slot_changes, static_cast<long long>(records->playCount()), peakRssMiB());
    return 0;
}

} // namespace gk::bench
