// A bounded look at a video file through libmpv. See video_probe.h.
#include "kiosk/video/video_probe.h"

#include "kiosk/video/mpv_core.h"

#include <cmath>
#include <system_error>

namespace gk {
namespace {

VideoProbe problem(std::string reason) {
    VideoProbe probe;
    probe.problem = std::move(reason);
    return probe;
}

struct ProbeState {
    VideoProbe result;
    bool loaded = false;
    bool done = false;
    std::string first_error_line;
};

void readLoadedFile(mpv_handle* core, ProbeState& state) {
    state.loaded = true;
    state.result.codec = mpvStringProperty(core, "current-tracks/video/codec");
    double duration = 0;
    if (mpv_get_property(core, "duration", MPV_FORMAT_DOUBLE, &duration) >= 0) state.result.duration_s = duration;
    double fps = 0;
    if (mpv_get_property(core, "container-fps", MPV_FORMAT_DOUBLE, &fps) >= 0 && std::isfinite(fps) && fps > 0)
        state.result.fps = fps;
    if (state.result.codec.empty()) {
        state.result.problem = "no video stream";
        state.done = true;
    } else if (mpvStringProperty(core, "current-tracks/video/image") == "yes" || duration <= 0) {
        state.result.problem = "a still image (" + state.result.codec + "), not a video";
        state.done = true;
    }
}

void readFirstFrame(mpv_handle* core, ProbeState& state) {
    std::int64_t width = 0, height = 0;
    mpv_get_property(core, "width", MPV_FORMAT_INT64, &width);
    mpv_get_property(core, "height", MPV_FORMAT_INT64, &height);
    state.result.width = static_cast<int>(width);
    state.result.height = static_cast<int>(height);
    if (width <= 0 || height <= 0) state.result.problem = "no frame of the " + state.result.codec + " video decodes";
    state.done = true;
}

void onProbeEvent(mpv_handle* core, const mpv_event& event, ProbeState& state) {
    switch (event.event_id) {
    case MPV_EVENT_LOG_MESSAGE:
        if (const auto& message = *static_cast<const mpv_event_log_message*>(event.data);
            message.log_level <= MPV_LOG_LEVEL_ERROR && state.first_error_line.empty())
            state.first_error_line = mpvLogLine(message); // the cause; later lines are its consequences
        return;
    case MPV_EVENT_FILE_LOADED: readLoadedFile(core, state); return;
    case MPV_EVENT_PLAYBACK_RESTART: // paused on the first frame: it was decoded
        if (state.loaded) readFirstFrame(core, state);
        return;
    case MPV_EVENT_END_FILE: {
        const auto& end = *static_cast<const mpv_event_end_file*>(event.data);
        state.result.problem = end.reason == MPV_END_FILE_REASON_ERROR ? "cannot be played: " + mpvErrorText(end.error)
                                                                       : std::string("ends before a frame is shown");
        if (!state.first_error_line.empty()) state.result.problem += " (" + state.first_error_line + ")";
        state.done = true;
        return;
    }
    default: return;
    }
}

} // namespace

VideoProbe probeVideo(const std::filesystem::path& file, std::chrono::milliseconds limit) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return problem("cannot be read: " + ec.message());
    if (size == 0) return problem("an empty file (0 bytes)");

    std::string error;
    const MpvCore core = startMpvCore({{"vo", "null"},
                                       {"ao", "null"},
                                       {"aid", "no"},
                                       {"sid", "no"},
                                       {"pause", "yes"},
                                       {"hwdec", "no"},
                                       {"image-display-duration", "0"}},
                                      error);
    if (!core) return problem(error);
    mpv_request_log_messages(core.get(), "error");
    const std::string path = std::filesystem::absolute(file).string(); // a local file, never a URL
    const char* command[] = {"loadfile", path.c_str(), nullptr};
    if (const int rc = mpv_command(core.get(), command); rc < 0)
        return problem("libmpv refused to load the file: " + mpvErrorText(rc));

    ProbeState state;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!state.done) {
        const auto left = std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            state.result.problem = "no answer within " + std::to_string(limit.count()) + " ms";
            break;
        }
        onProbeEvent(core.get(), *mpv_wait_event(core.get(), left), state);
    }
    return state.result;
}

std::optional<std::string> videoProblem(const std::filesystem::path& file) {
    VideoProbe probe = probeVideo(file);
    if (probe.playable()) return std::nullopt;
    return std::move(probe.problem);
}

} // namespace gk
