// What this program can do with a playlist's video items, asked by the one rule for playlists
// (readScreenPlaylist, playlist_validation.h): the screen, `playlist check`, `status` and the staff
// panel skip a video item with the reason these give, and a video without its own duration_s gets
// a slot as long as the video. The answers come from the player's probe (kiosk/video, libmpv),
// which the program installs when it starts (installVideoPlayback, kiosk/shell/video_slot.h): the
// hall core itself links no media library. No SDL, ImGui or GL here.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace gk {

// What the player found in a video file: why it cannot be played (nullopt: it can), its length.
struct VideoFileFacts {
    std::optional<std::string> problem;
    double seconds = 0;
    int width = 0, height = 0; // of its picture
    double fps = 0;            // frames per second; 0: not known
};
using VideoExaminer = std::function<VideoFileFacts(const std::filesystem::path& file)>;

// Installs how video files are examined; empty: this program plays no video.
void setVideoExaminer(VideoExaminer examiner);

// Whether this program can play video on its screens at all (an examiner is installed). When it
// cannot, a video item is skipped with "video playback not available" and the rotation goes on.
bool canPlayVideo();

// What the examiner says of the downloaded video at `file`, asked once per file for the life of
// the process: a stored file is named by its SHA-256, so its answer never changes. Thread-safe; a
// known file's answer never waits for another file being examined.
VideoFileFacts videoFileFacts(const std::filesystem::path& file);

} // namespace gk
