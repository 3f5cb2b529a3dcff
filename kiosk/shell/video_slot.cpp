// The information screen's video. See video_slot.h.
#include "kiosk/shell/video_slot.h"

#include "kiosk/core/log.h"
#include "kiosk/platform/process_memory.h"
#include "kiosk/playlist/video_support.h"
#include "kiosk/video/video_probe.h"

#include <SDL.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

namespace gk {

void installVideoPlayback() {
    setVideoExaminer([](const std::filesystem::path& file) {
        const VideoProbe probe = probeVideo(file, std::chrono::milliseconds(3000));
        VideoFileFacts facts;
        if (!probe.playable()) facts.problem = probe.problem;
        facts.seconds = probe.duration_s;
        facts.width = probe.width;
        facts.height = probe.height;
        facts.fps = probe.fps;
        return facts;
    });
}

namespace {

// Wakes the frame loop from the player's threads with an SDL event of the video's own. The loop
// then only looks again (the face's frameDue sees woken()): the sync worker's wake-up, which makes
// it redraw the whole screen, would cost every video frame a whole frame.
void wakeFrameLoopForVideo() {
    static const Uint32 type = SDL_RegisterEvents(1);
    if (type == static_cast<Uint32>(-1)) return; // SDL has no user events left: the loop's timers still draw
    SDL_Event event{};
    event.type = type;
    SDL_PushEvent(&event);
}

} // namespace

VideoSlot::VideoSlot(ScreenWindow& window) : m_window(window) {}

VideoSlot::~VideoSlot() {
    logDroppedFrames();
    if (m_texture != 0) m_window.destroyTexture(m_texture);
}

bool VideoSlot::ensureTexture(int width, int height) {
    if (m_texture != 0 && width == m_texture_width && height == m_texture_height) return true;
    if (m_texture != 0) m_window.destroyTexture(m_texture);
    m_texture = 0;
    m_has_frame = false;
    if (width <= 0 || height <= 0) return false;
    m_texture = m_window.createOpaqueTexture(width, height);
    m_texture_width = width;
    m_texture_height = height;
    return m_texture != 0;
}

VideoSlot::Step VideoSlot::follow(const CardVideo& video, const std::string& slot_key, const ImVec2& box,
                                  bool wait_first_frame) {
    Step step;
    if (slot_key != m_key) {
        logDroppedFrames();
        m_key = slot_key;
        m_href = video.href;
        m_has_frame = false;
        m_over = false;
        VideoOptions options;
        options.muted = video.muted;
        options.loop = video.loop;
        options.max_seconds = video.max_seconds;
        options.hardware_decoding = m_hardware_decoding;
        m_facts = videoFileFacts(video.file); // examined when the playlist was read
        options.decoding_threads = decodingThreadsFor(m_facts.width, m_facts.height, m_facts.fps);
        if (!m_player)
            m_player = std::make_unique<VideoPlayer>([this] {
                m_woken = true;
                wakeFrameLoopForVideo();
            });
        m_player->open(video.file, options);
    }
    if (!ensureTexture(static_cast<int>(box.x), static_cast<int>(box.y))) return step;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    VideoStatus status;
    bool finished = false;
    for (;;) {
        m_woken = false;
        if (m_player->frameDue()) {
            std::uint8_t* pixels = m_window.texturePixels(m_texture);
            if (pixels != nullptr && m_player->renderInto(m_texture_width, m_texture_height,
                                                          static_cast<std::size_t>(m_texture_width) * 4, pixels)) {
                m_has_frame = true;
                step.new_frame = true;
            }
        }
        status = m_player->status();
        finished = status.state == VideoState::Ended || status.state == VideoState::Failed;
        if (!wait_first_frame || m_has_frame || finished || std::chrono::steady_clock::now() > deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (finished && !m_over) {
        m_over = true;
        step.over = true;
        if (status.state == VideoState::Failed)
            logLine(LogLevel::Warn, "video " + video.href + " stopped: " + status.failure + " (the rotation goes on)");
    }
    step.first_frame_pending = !m_has_frame && !m_over;
    return step;
}

// One line when a video that played for a while lost many of its frames: the screen's machine
// could not decode and draw them in time (a 4K 60 fps file without a GPU). The clock and ticker
// kept their time; staff should know that the file is too heavy for this screen. Not for a few
// seconds of video (a screenshot, a slot a resident's touch cut short).
void VideoSlot::logDroppedFrames() const {
    constexpr double kMinSeconds = 5;
    if (!m_player || m_key.empty() || m_facts.fps <= 0) return;
    const VideoStatus status = m_player->status();
    const double frames = status.played_seconds * m_facts.fps;
    if (status.played_seconds < kMinSeconds || static_cast<double>(status.dropped_frames) < 0.05 * frames) return;
    char facts[160];
    std::snprintf(facts, sizeof facts,
                  " frames dropped (%.0f %%): this machine could not decode and draw its %d×%d "
                  "frames at %.0f fps in time",
                  100.0 * static_cast<double>(status.dropped_frames) / frames, m_facts.width, m_facts.height,
                  m_facts.fps);
    logLine(LogLevel::Warn, "video " + m_href + ": " + std::to_string(status.dropped_frames) + " of " +
                                std::to_string(static_cast<long long>(frames)) + facts);
}

void VideoSlot::stop() {
    if (m_key.empty()) return;
    logDroppedFrames();
    m_player.reset();            // ends playback and joins mpv's threads (about 10 ms)
    returnFreedMemoryToSystem(); // what their arenas held: the screen between videos holds no more than before one
    m_key.clear();
    m_has_frame = false;
}

std::optional<CardImage> VideoSlot::frame() const {
    if (!m_has_frame || m_texture == 0) return std::nullopt;
    return CardImage{m_texture, m_texture_width, m_texture_height};
}

} // namespace gk
