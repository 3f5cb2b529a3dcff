// Support for the video screen tests and video_screen_bench: the demo publish with a video item
// in a store of the process's own, and a display face run in the program's own frame loop that
// records what each frame redrew.
#pragma once

#include "../kiosk/demo_content.h"
#include "../render/render_support.h"
#include "kiosk/shell/display_app.h"
#include "kiosk/shell/frame_loop.h"
#include "kiosk/shell/video_slot.h"
#include "sync/sha256.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace gk::test {

// The demo publish with hall-main playing `clip` (its file copied into a store of this process's
// own), then a text for 10 s. `options` is more of the video item's JSON, e.g. `, "loop": true`.
struct VideoHall {
    VideoHall(const std::filesystem::path& clip, const std::string& options) {
        installVideoPlayback();
        Content copy = *demoContent();
        copy.objects_dir = std::filesystem::temp_directory_path() /
                           ("gongkai-video-screen-" + std::to_string(::getpid())) / clip.filename();
        std::ifstream in(clip, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        const std::string sha = sha256Hex(bytes.str());
        std::filesystem::create_directories(copy.objects_dir / sha.substr(0, 2));
        std::filesystem::copy_file(clip, copy.objects_dir / sha.substr(0, 2) / sha,
                                   std::filesystem::copy_options::overwrite_existing);
        copy.playlists["hall-main"] =
            R"({"default_duration_s": 10, "items": [{"video": {"name": "红绿蓝", "href": "att/v/)" +
            clip.filename().string() + R"(", "sha256": ")" + sha + R"(", "bytes": )" +
            std::to_string(bytes.str().size()) + R"(, "type": "video/mp4"})" + options +
            R"(}, {"text": {"title": "温馨提示", "body": "请保管好随身物品"}}]})";
        content = std::make_shared<const Content>(std::move(copy));
    }
    ~VideoHall() {
        std::error_code ignored;
        std::filesystem::remove_all(content->objects_dir, ignored);
        std::filesystem::remove(content->objects_dir.parent_path(), ignored); // when no other hall uses it
    }
    VideoHall(const VideoHall&) = delete;
    VideoHall& operator=(const VideoHall&) = delete;
    std::shared_ptr<const Content> content;
};

// One frame the loop drew.
struct LoopFrame {
    double at_s = 0;                          // steady seconds since the loop started, when the frame was drawn
    double drawn_wall_s = 0;                  // the wall clock when it was drawn (seconds since the epoch)
    std::int64_t shown_second = 0;            // the wall second it shows (its clock)
    std::vector<ScreenWindow::Damage> damage; // empty: the whole screen
};

// The display face in the program's own frame loop, wired as `run` wires it (the session's
// wake-ups are the loop's), recording each frame; it ends the loop after `seconds`.
class RecordingFace : public ScreenFace {
public:
    RecordingFace(DisplayApp& app, double seconds) : m_app(app), m_seconds(seconds) {}
    std::string name() const override { return m_app.name(); }
    HallSession* session() override { return m_app.session(); }
    void tick(const LoopTime& now, bool staff_up) override { m_app.tick(now, staff_up); }
    bool frameDue(const LoopTime& now) const override { return m_app.frameDue(now); }
    FaceFrame drawFrame(const LoopTime& now) override {
        FaceFrame frame = m_app.drawFrame(now);
        const double wall = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        frames.push_back({elapsed(), wall, now.hall.wall_s, frame.damage});
        return frame;
    }
    void invalidate() override { m_app.invalidate(); }
    void handleEvent(const SDL_Event& event, const LoopTime& now) override { m_app.handleEvent(event, now); }
    std::int64_t waitMs(const LoopTime& now) const override { return m_app.waitMs(now); }
    bool finished() const override { return elapsed() > m_seconds; }

    std::vector<LoopFrame> frames;

private:
    double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count(); }
    DisplayApp& m_app;
    double m_seconds;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

// Whether a frame's damage redrew `box` (a damage box exactly the region's, or the whole screen).
inline bool redrew(const LoopFrame& frame, const Rect& box) {
    if (frame.damage.empty()) return true;
    for (const ScreenWindow::Damage& d : frame.damage)
        if (d.x == static_cast<int>(box.min.x) && d.y == static_cast<int>(box.min.y) &&
            d.width == static_cast<int>(std::ceil(box.width())) &&
            d.height == static_cast<int>(std::ceil(box.height())))
            return true;
    return false;
}

// What the display face did in the program's own frame loop, wired as `run` wires it, playing
// `clip` in one looping slot of an hour (so that it is on screen whenever this runs) for `seconds`.
struct LoopRun {
    int exit_code = -1;
    CardKind card = CardKind::Text; // on screen at the end
    InfoLayout layout;
    VideoStatus video; // the player's, at the end
    std::vector<LoopFrame> frames;
};
inline LoopRun runDisplayLoop(const std::filesystem::path& clip, int width, int height, double seconds) {
    const VideoHall hall(clip, R"(, "loop": true, "duration_s": 3600)");
    HeadlessWindow headless(width, height);
    DisplayApp app(headless.window, HallContext{hall.content, "hall-main", 8 * 3600});
    FrameLoop loop(headless.window, false);
    app.session()->setWake(loop.wakeFunction());
    RecordingFace face(app, seconds);
    LoopRun run;
    run.exit_code = loop.run(face);
    run.card = app.view().card.kind;
    run.layout = app.layout();
    run.video = app.videoStatus();
    run.frames = std::move(face.frames);
    return run;
}

// Whether the screen kept its own time, from `from_s` into the run on.
struct Timeliness {
    std::vector<double> clock_late_ms; // each new second: how long after it began its clock was drawn
    std::vector<double> ticker_gap_ms; // between the frames that moved the ticker
    int video_frames = 0;              // frames that redrew the picture
};
inline Timeliness timeliness(const LoopRun& run, double from_s) {
    Timeliness t;
    std::int64_t last_second = -1;
    double last_ticker = -1;
    for (const LoopFrame& frame : run.frames) {
        if (frame.at_s < from_s) continue;
        if (redrew(frame, run.layout.clock) && frame.shown_second != last_second) {
            if (last_second >= 0)
                t.clock_late_ms.push_back((frame.drawn_wall_s - static_cast<double>(frame.shown_second)) * 1000.0);
            last_second = frame.shown_second;
        }
        if (redrew(frame, run.layout.ticker)) {
            if (last_ticker >= 0) t.ticker_gap_ms.push_back((frame.at_s - last_ticker) * 1000.0);
            last_ticker = frame.at_s;
        }
        t.video_frames += redrew(frame, run.layout.video) ? 1 : 0;
    }
    return t;
}

} // namespace gk::test
