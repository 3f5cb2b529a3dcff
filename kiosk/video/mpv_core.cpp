// The hall's mpv core. See mpv_core.h.
#include "kiosk/video/mpv_core.h"

namespace gk {

MpvCore startMpvCore(const MpvOptions& extra, std::string& error) {
    MpvCore core(mpv_create());
    if (!core) {
        error = "libmpv could not create a player";
        return {};
    }
    const MpvOptions fixed = {
        {"config", "no"},                 // no ~/.config/mpv: the screen behaves the same on every machine
        {"terminal", "no"},               // no status line or key reading on a tty
        {"input-default-bindings", "no"}, // keys and clicks belong to the kiosk
        {"input-vo-keyboard", "no"},
        {"osc", "no"},
        {"osd-level", "0"},
        {"load-scripts", "no"},
        {"ytdl", "no"},     // never spawn youtube-dl for a path that looks like a URL
        {"sub-auto", "no"}, // nor read files beside the video
        {"audio-file-auto", "no"},
        {"cover-art-auto", "no"},
        {"idle", "yes"},                   // the core stays up between files
        {"keep-open", "yes"},              // the last frame stays until the screen moves on
        {"audio-fallback-to-null", "yes"}, // no sound device: the picture still plays
        {"network-timeout", "5"},
    };
    for (const auto& options : {fixed, extra})
        for (const auto& [name, value] : options)
            if (const int rc = mpv_set_option_string(core.get(), name.c_str(), value.c_str()); rc < 0) {
                error = "libmpv refused the option " + name + "=" + value + ": " + mpvErrorText(rc);
                return {};
            }
    if (const int rc = mpv_initialize(core.get()); rc < 0) {
        error = "libmpv could not start: " + mpvErrorText(rc);
        return {};
    }
    return core;
}

std::string mpvErrorText(int error) {
    const char* text = mpv_error_string(error);
    return text != nullptr ? text : "unknown error " + std::to_string(error);
}

std::string mpvStringProperty(mpv_handle* core, const char* name) {
    char* value = mpv_get_property_string(core, name);
    if (value == nullptr) return {};
    std::string text = value;
    mpv_free(value);
    return text;
}

std::string mpvLogLine(const mpv_event_log_message& message) {
    std::string line = std::string(message.prefix != nullptr ? message.prefix : "mpv") + ": " +
                       (message.text != nullptr ? message.text : "");
    while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
    return line;
}

} // namespace gk
