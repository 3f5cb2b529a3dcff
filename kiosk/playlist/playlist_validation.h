// What a screen makes of a playlist file: reading it from disk with a size limit, and the checks
// beyond config/ that need the current publish (refs that do not resolve, notices that have
// expired). The screen (HallSession's playlistForGroup and the hot reload, playlist_source.h),
// `gongkai-kiosk playlist check` and `plan` and the staff panel apply exactly these rules. Owned by
// kiosk/, the layer that sees both config/ and sync/'s content model. No SDL, ImGui, GL or curl.
#pragma once

#include "config/playlist.h"
#include "config/problem.h"
#include "sync/content.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

enum class PlaylistFileStatus { Ok, Missing, NotRegular, Unreadable, TooLarge };

struct PlaylistFile {
    PlaylistFileStatus status = PlaylistFileStatus::Missing;
    std::string text;  // the bytes, when Ok
    std::string error; // otherwise why, e.g. "file is 5.0 MiB; a playlist may be at most 1 MiB"
};

// Never throws; never reads more than kMaxPlaylistBytes + 1 bytes, never opens a FIFO or device.
PlaylistFile readPlaylistFile(const std::filesystem::path& path);

// The one rule for a flawed playlist, applied by the screen (the publish's playlist and staff's
// local file alike), `playlist check`, `playlist plan` and the staff panel's editor: the file is
// refused only when it cannot be read as a playlist at all (PlaylistResult::usable(),
// config/playlist.h); every bad entry is skipped with its reason and the rest plays. This reads
// the text and skips, besides what parsePlaylist skips, items and a fallback whose ref is not in
// the publish or was skipped by the sync (by resolves(), sync/content.h: the very test the
// scheduler skips items by) — "items[i].ref" / "fallback.ref" — and, for content read from a store,
// video items and a video fallback the screen cannot play ("items[i].video": the file is not in the
// store, with the sync's reason when it left it out; this program plays no video, canPlayVideo();
// the player cannot play the file, videoFileProblem(); video_support.h). Those are also taken out of
// the playlist (Playlist::file_positions keeps their paths right), so that no rotation schedules
// them. Needs no clock: what plays does not depend on when the file is read.
PlaylistResult readScreenPlaylist(std::string_view text, std::string_view file_label, const Content& content);

// Asks the player about every video the store's playlists name (videoFileFacts, video_support.h),
// so that reading them later finds the answers waiting. The sync worker calls it on its own thread
// before it hands a new publish to the screen: a probe takes about 30 ms, and up to 3 s for a
// hostile file, which the frame loop must not wait for. Nothing for content not read from a store.
void examinePlaylistVideos(const Content& content);

// readScreenPlaylist, then what staff should know at now_s: schedules that never show (again)
// (checkPlaylistSchedules, config/playlist_check.h) and notices no longer valid — all skipped
// entries too, reported at their paths.
PlaylistResult checkPlaylistText(std::string_view text, std::string_view file_label, const Content& content,
                                 std::int64_t now_s, int utc_offset_s);

// Warnings (whole-file, path "") for each span in [from_s, to_s) in which nothing of the playlist
// can play and there is no fallback (playlist_timeline.h idleWindows): the screen shows only the
// site name and clock then. At most max_windows lines, then one saying how many more.
std::vector<Problem> idleWindowWarnings(const Playlist& playlist, const Content& content, std::int64_t from_s,
                                        std::int64_t to_s, int utc_offset_s, std::size_t max_windows = 7);

// "2 items are skipped (items[1], items[3]); the other 14 play" (with "; also skipped: the
// fallback, ticker[0]" when those are), or "" when nothing is skipped: the line `playlist check`
// ends with and the screen logs.
std::string skippedSummary(const PlaylistResult& result);

// What is wrong with the playlists a screen of `group` plays, for `status` and the heartbeat: the
// published one and the local file staff put at `local_path`, if any. One "FILE: path: message" line per problem,
// errors first; an absent playlist is a problem only when neither exists (the screen then shows the site name and
// clock).
std::vector<std::string> playlistProblems(const Content& content, const std::string& group,
                                          const std::filesystem::path& local_path, std::int64_t now_s,
                                          int utc_offset_s);

// "items[1].schedule.times[0]: "8:30-12" is not HH:MM-HH:MM (and 2 more problems)": the first
// error (else the first warning) for a one-line log entry or a small staff note.
std::string firstProblemSummary(const std::vector<Problem>& problems);

} // namespace gk
