// What this program can do with video (see video_support.h). No player is built in yet: no screen
// plays video, and no file is probed.
#include "kiosk/playlist/video_support.h"

namespace gk {

bool canPlayVideo() {
    return false;
}

std::optional<std::string> videoFileProblem(const std::filesystem::path& /*file*/) {
    return std::nullopt;
}

} // namespace gk
