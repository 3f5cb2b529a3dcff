// A synthetic week for schedule_bench: a large publish (hundreds of notices, guides and disclosure
// items cloned from the bundled demo portal's texts, with new ids, validity windows and QR URLs),
// a 500-item playlist with a realistic mix of durations and schedules (ISO weekdays, office-hour
// and overnight windows, date ranges), a scheduled ticker, a fallback, and urgent notices whose
// validity starts and ends during the week. Deterministic: the same spec gives the same content.
// Benchmark support only (tests/bench); not part of the program.
#pragma once

#include "config/playlist.h"
#include "sync/content.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gk::bench {

inline constexpr int kWeekUtcOffsetS = 8 * 3600;
inline constexpr std::int64_t kWeekSeconds = 7 * 86400;
inline constexpr const char* kWeekGroup = "hall-main";

// Monday 2026-11-30 00:00 +08:00, the first instant of the simulated week.
std::int64_t weekStart();

struct WeekSpec {
    int notices = 300;
    int guides = 300;
    int disclosures = 2000;
    int playlist_items = 500;
    int revision = 0;                  // a later publish: new generation, some notices reworded
    bool daytime_only = false;         // every item scheduled in daytime windows: nights fall back
    std::vector<PlaylistImage> images; // what the playlist's image items show (round robin)
    std::filesystem::path objects_dir; // where the images' files are (Content::objects_dir)
    unsigned seed = 20261130;
};

// The publish: items cloned from `texts` (the demo portal's content) and the playlist JSON under
// content.playlists[kWeekGroup], id indexes filled as the feed parser fills them.
std::shared_ptr<Content> makeWeekContent(const Content& texts, const WeekSpec& spec);

// The playlist of that publish, parsed and checked like the screen does; throws on a bad one
// (a bug in this file, not a measurement).
Playlist weekPlaylist(const Content& content);

// Writes `count` PNG images (sizes 800×450 to 1920×1080, a pattern that depends on `seed`) into a
// content-addressed objects directory (<dir>/<aa>/<sha256>) and returns them as playlist images.
std::vector<PlaylistImage> writeWeekImages(const std::filesystem::path& objects_dir, int count, unsigned seed);

} // namespace gk::bench
