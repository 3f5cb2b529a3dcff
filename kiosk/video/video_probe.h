// Whether a file is a video the screen can play, answered within a time limit without showing
// anything: libmpv opens it with no video or audio output, decodes its first frame and reports
// the container's codec, length and size. The playlist check asks this of each video item. It
// cannot see damage past the first frame (a file cut short after a complete index, a decoder
// error half-way): the player reports those when it reaches them. Owns only libmpv.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace gk {

struct VideoProbe {
    std::string problem;   // empty when playable; else one English line for the log
    std::string codec;     // mpv's codec name, e.g. "h264", "vp9"
    double duration_s = 0; // the container's length
    int width = 0;         // of the first decoded frame
    int height = 0;
    double fps = 0; // the container's frame rate; 0 when it does not say
    bool playable() const { return problem.empty(); }
};

VideoProbe probeVideo(const std::filesystem::path& file,
                      std::chrono::milliseconds limit = std::chrono::milliseconds(5000));

// What is wrong with the file as a video, or nothing when it plays.
std::optional<std::string> videoProblem(const std::filesystem::path& file);

} // namespace gk
