// Whether this machine has a GPU: a DRM render node. The hall session keeps Mesa out of Xwayland
// without one (kiosk/cli/session_command.cpp), and the video player tries hardware decoding only
// with one (kiosk/shell/video_slot.h).
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

namespace gk {

inline bool hasGpuRenderNode() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec))
        if (entry.path().filename().string().rfind("renderD", 0) == 0) return true;
    return false;
}

} // namespace gk
