// An mpv core set up for a hall screen, shared by the player and the probe: no config files,
// terminal, OSD, input bindings, scripts or youtube-dl, so that nothing on the machine or in a
// file changes what the screen does. Owns only libmpv; no SDL, ImGui or curl.
#pragma once

#include <mpv/client.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gk {

struct MpvCoreDeleter {
    void operator()(mpv_handle* core) const noexcept { mpv_terminate_destroy(core); }
};
using MpvCore = std::unique_ptr<mpv_handle, MpvCoreDeleter>;

using MpvOptions = std::vector<std::pair<std::string, std::string>>;

// A started core with the hall's fixed options and `extra` (which may override them); empty with
// `error` set when libmpv cannot be started or refuses an option.
MpvCore startMpvCore(const MpvOptions& extra, std::string& error);

// "unrecognized file format", … (mpv's words for an error code).
std::string mpvErrorText(int error);

// A string property, empty when it is unavailable.
std::string mpvStringProperty(mpv_handle* core, const char* name);

// mpv's log line as one line: "vd: Failed to initialize a decoder for codec ''."
std::string mpvLogLine(const mpv_event_log_message& message);

} // namespace gk
