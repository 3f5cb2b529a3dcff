// `gongkai-kiosk playlist check FILE` and `gongkai-kiosk playlist plan [FILE | --group NAME]`:
// staff's tools for the information screen's playlists. Both apply the screen's one rule for a
// flawed playlist (kiosk/playlist/playlist_validation.h): a file is refused only when it cannot be
// read as a playlist; bad items are skipped with their reasons and the rest plays. check reports
// every problem, the skipped items and the spans of the coming week in which nothing plays; plan
// runs the screen's own Rotation ahead of time, started at local midnight like the screen
// (display/info/scheduler.h, rotationSinceMidnight), so it prints what the screen will show, then a
// summary: per item its first and last showing, count and seconds, the idle spans, and the ticker's
// lines in each window (kiosk/playlist/playlist_timeline.h). Opens no window and never changes the
// store or the playlist files.
#pragma once

#include "config/playlist.h"
#include "config/settings.h"
#include "display/info/scheduler.h"
#include "kiosk/cli/options.h"
#include "sync/content.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace gk {

inline constexpr int kMaxPlanHours = 24 * 31;

// One line of a plan: "2026-11-30 08:30:00  notice:n-2026-031  关于…的通知  scheduled" — local
// time shown_at, the ref ("-" when idle), the title the screen shows (the site name when idle)
// and why. Fields are separated by two spaces; the title has no newlines or tabs.
std::string planLine(const Slot& slot, std::int64_t shown_at, const Playlist& playlist, const Content& content,
                     int utc_offset_s);

// The command, after the config and flags were read (--group already applied to
// settings.screen_group). Exit codes — check: 0 nothing is skipped (warnings are printed too), 1
// items are skipped or the file cannot be read as a playlist, 2 the file is unreadable (missing,
// not a regular file, over 1 MiB) or the store is empty, or a usage error; plan: 0 (whatever it
// skips), 1 when there is no playlist a screen would play, 2 a usage error or an unreadable file.
int runPlaylistCommand(const ParsedCommand& cmd, const Settings& settings, const std::filesystem::path& data_dir);

} // namespace gk
