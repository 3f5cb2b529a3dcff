// What this program can do with a playlist's video items, asked by the one rule for playlists
// (readScreenPlaylist, playlist_validation.h): the screen, `playlist check`, `status` and the staff
// panel skip a video item with the reason these give. Owned by kiosk/; the video player (libmpv)
// answers both questions. No SDL, ImGui or GL here.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace gk {

// Whether this program can play video on its screens at all. False until the player is built: a
// video item is then skipped with "video playback not available" and the rotation goes on without it.
bool canPlayVideo();

// Why the downloaded video at `file` cannot be played — not a container the player reads, a codec it
// has no decoder for, no video stream — in one phrase for staff; nullopt when it can be played.
// Until the player probes files it finds no problem with any file.
std::optional<std::string> videoFileProblem(const std::filesystem::path& file);

} // namespace gk
