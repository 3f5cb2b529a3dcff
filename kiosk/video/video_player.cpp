// Video playback through libmpv's software render API. See video_player.h.
#include "kiosk/video/video_player.h"

#include <mpv/render.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <utility>

namespace gk {
namespace {

constexpr int kDecoderErrorLimit = 3;      // a lone damaged frame is concealed; a run of them is a broken file
constexpr double kShortEndTolerance = 1.0; // seconds short of its length a file may end (its last frame's time)
// 0x00RRGGBB words are the bytes B, G, R, unused in memory: FFmpeg's and mpv's "bgr0".
static_assert(std::endian::native == std::endian::little);
constexpr const char* kScreenFormat = "bgr0";

std::string seconds(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", value);
    return text;
}

// A line of mpv's log that says a frame could not be decoded.
bool isDecoderError(const mpv_event_log_message& message) {
    const std::string prefix = message.prefix != nullptr ? message.prefix : "";
    const std::string text = message.text != nullptr ? message.text : "";
    return (prefix == "vd" && text.rfind("Error while decoding", 0) == 0) ||
           (prefix == "ffmpeg/video" && message.log_level <= MPV_LOG_LEVEL_ERROR);
}

} // namespace

int decodingThreadsFor(int width, int height, double fps) {
    constexpr double kOneThreadPixelsPerSecond = 1920.0 * 1080.0 * 60.0;
    const double frames_per_second = fps > 0 ? fps : 30.0;
    return static_cast<double>(width) * static_cast<double>(height) * frames_per_second <= kOneThreadPixelsPerSecond
               ? 1
               : 2;
}

VideoPlayer::VideoPlayer(std::function<void()> wake) : m_wake(std::move(wake)) {}

VideoPlayer::~VideoPlayer() {
    if (!m_core) return;
    m_quit = true;
    mpv_wakeup(m_core.get()); // the event thread's wait returns and it sees m_quit
    m_events.join();
    mpv_render_context_free(m_render); // before the core: mpv requires it (and no callback comes after)
}

bool VideoPlayer::startCore() {
    std::string error;
    m_core = startMpvCore({{"vo", "libmpv"},
                           // A frame is handed over at its display time, not ahead of it: the loop
                           // renders it when woken and never waits in mpv for its time to come.
                           {"video-timing-offset", "0"},
                           {"sid", "no"},
                           // Scaling a frame into the screen's box: zimg's bilinear filter (it still
                           // widens the filter when shrinking, so a 1080p frame in a smaller box does
                           // not alias) and no dithering from 8-bit YUV to 8-bit RGB. mpv's default,
                           // Lanczos with random dither, cost the whole session 3 CPU-s per minute
                           // more (cage, a 1080p clip in a 1280×720 screen's card).
                           {"zimg-scaler", "bilinear"},
                           {"zimg-dither", "no"}},
                          error);
    if (m_core) {
        mpv_render_param params[] = {{MPV_RENDER_PARAM_API_TYPE, const_cast<char*>(MPV_RENDER_API_TYPE_SW)},
                                     {MPV_RENDER_PARAM_INVALID, nullptr}};
        if (const int rc = mpv_render_context_create(&m_render, m_core.get(), params); rc < 0) {
            error = "libmpv has no software renderer: " + mpvErrorText(rc);
            m_core.reset();
        }
    }
    if (!m_core) {
        fail(error);
        return false;
    }
    mpv_render_context_set_update_callback(m_render, &VideoPlayer::onRenderUpdate, this);
    mpv_request_log_messages(m_core.get(), "warn");
    mpv_handle* core = m_core.get();
    mpv_observe_property(core, 0, "time-pos", MPV_FORMAT_DOUBLE);
    mpv_observe_property(core, 0, "duration", MPV_FORMAT_DOUBLE);
    mpv_observe_property(core, 0, "width", MPV_FORMAT_INT64);
    mpv_observe_property(core, 0, "height", MPV_FORMAT_INT64);
    mpv_observe_property(core, 0, "eof-reached", MPV_FORMAT_FLAG);
    mpv_observe_property(core, 0, "frame-drop-count", MPV_FORMAT_INT64);
    mpv_observe_property(core, 0, "current-tracks/video/image", MPV_FORMAT_FLAG);
    mpv_observe_property(core, 0, "current-ao", MPV_FORMAT_STRING);
    m_events = std::thread([this] { readEvents(); });
    return true;
}

void VideoPlayer::open(const std::filesystem::path& file, const VideoOptions& options) {
    m_frame_due = false;
    std::uint64_t generation = 0;
    {
        const std::lock_guard lock(m_mutex);
        generation = ++m_generation;
        m_status = VideoStatus{};
        m_status.state = VideoState::Loading;
        m_entry_id = -1;
        m_loaded = false;
        m_options = options;
        m_last_position.reset();
        m_position = 0;
        m_decoder_errors = 0;
        m_first_error_line.clear();
        m_ending_error.clear();
    }
    if (!m_core && !startCore()) return;
    // Options for this file only (mpv restores them after it). A muted video selects no audio
    // track, so no audio device is opened. Without loop, mpv itself ends the file at max_seconds;
    // with loop, the event thread counts the time played across loops.
    std::string per_file = std::string("pause=no,mute=") + (options.muted ? "yes" : "no") +
                           ",aid=" + (options.muted ? "no" : "auto") + ",loop-file=" + (options.loop ? "inf" : "no") +
                           ",hwdec=" + (options.hardware_decoding ? "auto-copy-safe" : "no") +
                           ",vd-lavc-threads=" + std::to_string(std::max(1, options.decoding_threads));
    if (options.max_seconds && !options.loop) per_file += ",end=" + std::to_string(*options.max_seconds);
    // An absolute path: mpv reads it as a local file, never as a URL or an option.
    const std::string path = std::filesystem::absolute(file).string();
    const char* command[] = {"loadfile", path.c_str(), "replace", per_file.c_str(), nullptr};
    if (const int rc = mpv_command_async(m_core.get(), generation, command); rc < 0) {
        const std::lock_guard lock(m_mutex);
        fail("libmpv refused to load the file: " + mpvErrorText(rc));
    }
}

void VideoPlayer::stop() {
    m_frame_due = false;
    {
        const std::lock_guard lock(m_mutex);
        ++m_generation;
        m_status = VideoStatus{};
        m_entry_id = -1;
        m_loaded = false;
        m_ending_error.clear();
    }
    if (!m_core) return;
    const char* command[] = {"stop", nullptr};
    mpv_command_async(m_core.get(), 0, command);
}

bool VideoPlayer::frameDue() {
    if (m_render != nullptr && m_update_pending.exchange(false))
        m_frame_due = m_frame_due || (mpv_render_context_update(m_render) & MPV_RENDER_UPDATE_FRAME) != 0;
    return m_frame_due && hasPicture();
}

// Whether the file opened last has shown a frame: before that, mpv's render context may still
// redraw the previous file's last frame, or black while the output is set up.
bool VideoPlayer::hasPicture() const {
    const std::lock_guard lock(m_mutex);
    return m_status.state == VideoState::Playing || m_status.state == VideoState::Ended ||
           (m_status.state == VideoState::Failed && m_status.played_seconds > 0);
}

bool VideoPlayer::renderInto(int width, int height, std::size_t stride, std::uint8_t* pixels) {
    if (m_render == nullptr || width <= 0 || height <= 0 || pixels == nullptr || !hasPicture()) return false;
    m_frame_due = false;
    int size[2] = {width, height};
    int block_for_target_time = 0; // the frame is due already (video-timing-offset=0)
    mpv_render_param params[] = {{MPV_RENDER_PARAM_SW_SIZE, size},
                                 {MPV_RENDER_PARAM_SW_FORMAT, const_cast<char*>(kScreenFormat)},
                                 {MPV_RENDER_PARAM_SW_STRIDE, &stride},
                                 {MPV_RENDER_PARAM_SW_POINTER, pixels},
                                 {MPV_RENDER_PARAM_BLOCK_FOR_TARGET_TIME, &block_for_target_time},
                                 {MPV_RENDER_PARAM_INVALID, nullptr}};
    return mpv_render_context_render(m_render, params) >= 0;
}

VideoStatus VideoPlayer::status() const {
    const std::lock_guard lock(m_mutex);
    return m_status;
}

void VideoPlayer::onRenderUpdate(void* self) {
    auto* player = static_cast<VideoPlayer*>(self);
    player->m_update_pending = true;
    if (player->m_wake) player->m_wake();
}

void VideoPlayer::readEvents() {
    // How long a file that ended in an error waits for mpv's log lines saying why: mpv hands out
    // its log lines only when no other event is queued, so on a busy machine the end comes first.
    constexpr double kReasonWaitS = 0.2;
    while (!m_quit) {
        bool ending = false;
        {
            const std::lock_guard lock(m_mutex);
            ending = !m_ending_error.empty();
        }
        const mpv_event* event = mpv_wait_event(m_core.get(), ending ? kReasonWaitS : -1);
        if (event->event_id == MPV_EVENT_SHUTDOWN) continue;
        VideoStatus before;
        {
            const std::lock_guard lock(m_mutex);
            before = m_status;
            if (event->event_id == MPV_EVENT_NONE) { // the log has nothing more to say
                if (m_ending_error.empty()) continue;
                fail(std::exchange(m_ending_error, {}) +
                     (m_first_error_line.empty() ? "" : " (" + m_first_error_line + ")"));
            } else {
                onEvent(*event);
            }
            if (m_status.state == before.state && m_status.width == before.width) continue;
        }
        if (m_wake) m_wake(); // the state changed: the loop looks at status()
    }
}

// With m_mutex held.
void VideoPlayer::onEvent(const mpv_event& event) {
    switch (event.event_id) {
    case MPV_EVENT_COMMAND_REPLY:
        if (event.reply_userdata != m_generation) return; // an open() since replaced
        if (event.error < 0) return fail("libmpv could not load the file: " + mpvErrorText(event.error));
        if (const auto* reply = static_cast<const mpv_event_command*>(event.data);
            reply != nullptr && reply->result.format == MPV_FORMAT_NODE_MAP) {
            const mpv_node_list* map = reply->result.u.list;
            for (int i = 0; i < map->num; ++i)
                if (std::string(map->keys[i]) == "playlist_entry_id" && map->values[i].format == MPV_FORMAT_INT64)
                    m_entry_id = map->values[i].u.int64;
        }
        return;
    case MPV_EVENT_START_FILE: m_loaded = false; return;
    case MPV_EVENT_FILE_LOADED: {
        // Property changes from here on describe the file opened last (the events come in order).
        m_loaded = m_entry_id >= 0 && m_status.state == VideoState::Loading;
        // The length may be known, and its change delivered (and ignored above), before this
        // event: on a busy machine mpv reports it while the file is still being opened.
        double duration = 0;
        if (m_loaded && mpv_get_property(m_core.get(), "duration", MPV_FORMAT_DOUBLE, &duration) >= 0 && duration > 0)
            m_status.duration_s = duration;
        return;
    }
    case MPV_EVENT_PLAYBACK_RESTART: // the first frame is decoded: time counts from here
        if (m_loaded && m_status.state == VideoState::Loading) {
            m_status.state = VideoState::Playing;
            m_last_position = m_position;
        }
        return;
    case MPV_EVENT_END_FILE: {
        const auto& end = *static_cast<const mpv_event_end_file*>(event.data);
        if (end.playlist_entry_id != m_entry_id) return; // a file replaced or stopped by us
        m_loaded = false;
        if (end.reason == MPV_END_FILE_REASON_ERROR)
            m_ending_error = "cannot be played: " + mpvErrorText(end.error); // failed once the log is read
        else if (end.reason == MPV_END_FILE_REASON_EOF)
            finishAtEnd();
        return;
    }
    case MPV_EVENT_LOG_MESSAGE: {
        const auto& message = *static_cast<const mpv_event_log_message*>(event.data);
        if (message.log_level <= MPV_LOG_LEVEL_ERROR && m_first_error_line.empty())
            m_first_error_line = mpvLogLine(message);
        if (m_loaded && isDecoderError(message) && ++m_decoder_errors >= kDecoderErrorLimit)
            fail("the video decoder failed at " + seconds(m_position) + ": " + mpvLogLine(message));
        return;
    }
    case MPV_EVENT_PROPERTY_CHANGE:
        if (m_loaded) onProperty(*static_cast<const mpv_event_property*>(event.data));
        return;
    default: return;
    }
}

// With m_mutex held; only for the file opened last.
void VideoPlayer::onProperty(const mpv_event_property& property) {
    const std::string name = property.name;
    if (property.format == MPV_FORMAT_FLAG) {
        const bool value = *static_cast<const int*>(property.data) != 0;
        if (name == "eof-reached" && value) finishAtEnd();
        if (name == "current-tracks/video/image" && value) fail("a still image, not a video");
        return;
    }
    if (property.format == MPV_FORMAT_STRING && name == "current-ao") {
        m_status.audio_output = *static_cast<char* const*>(property.data) != nullptr;
        return;
    }
    if (property.format == MPV_FORMAT_NONE && name == "current-ao") {
        m_status.audio_output = false;
        return;
    }
    if (property.format == MPV_FORMAT_INT64) {
        const auto value = *static_cast<const std::int64_t*>(property.data);
        if (name == "width") m_status.width = static_cast<int>(value);
        if (name == "height") m_status.height = static_cast<int>(value);
        if (name == "frame-drop-count") m_status.dropped_frames = value;
        return;
    }
    if (property.format != MPV_FORMAT_DOUBLE) return;
    const double value = *static_cast<const double*>(property.data);
    if (name == "duration" && value > 0) m_status.duration_s = value;
    if (name != "time-pos") return;
    m_position = value;
    if (m_status.state != VideoState::Playing) return;
    // Time shown: forward steps add up; a step back is a loop starting again from its beginning.
    if (m_last_position) m_status.played_seconds += value >= *m_last_position ? value - *m_last_position : value;
    m_last_position = value;
    if (m_options.loop && m_options.max_seconds && m_status.played_seconds >= *m_options.max_seconds) {
        m_status.state = VideoState::Ended; // the frame on screen stays: mpv pauses on it
        const char* command[] = {"set", "pause", "yes", nullptr};
        mpv_command_async(m_core.get(), 0, command);
    }
}

// With m_mutex held: the file reached its end (or mpv's end=max_seconds). A file that ends well
// short of its own length (cut off, damaged) failed.
void VideoPlayer::finishAtEnd() {
    if (m_status.state != VideoState::Playing && m_status.state != VideoState::Loading) return;
    double expected = m_status.duration_s.value_or(0);
    if (m_options.max_seconds && !m_options.loop) expected = std::min(expected, *m_options.max_seconds);
    if (m_status.state == VideoState::Loading)
        return fail("no frame could be shown" + (m_first_error_line.empty() ? "" : " (" + m_first_error_line + ")"));
    if (m_position + kShortEndTolerance < expected)
        return fail("the file ends at " + seconds(m_position) + " of its " + seconds(expected) +
                    ": it is cut short or damaged");
    m_status.state = VideoState::Ended;
}

// With m_mutex held (or before the event thread exists).
void VideoPlayer::fail(const std::string& reason) {
    if (m_status.state == VideoState::Failed) return;
    m_status.state = VideoState::Failed;
    m_status.failure = reason;
    m_loaded = false;
    if (m_core) {
        const char* command[] = {"stop", nullptr}; // nothing more of it is shown or decoded
        mpv_command_async(m_core.get(), 0, command);
    }
}

} // namespace gk
