// What makes a playlist file good enough for a screen: reading it from disk with a size limit,
// and the checks beyond config/ that need the current publish (refs that do not resolve, notices
// that have expired). `gongkai-kiosk playlist check` and the screen's hot reload
// (playlist_source.h) apply exactly these rules. Owned by kiosk/, the layer that sees both
// config/ and sync/'s content model. No SDL, ImGui, GL or curl.
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

// How a ref that is not in the publish counts: an error for `playlist check` and for an edit
// staff just made; a warning (the screen skips the item, as the feed format says) when a new
// publish drops something a running playlist names.
enum class UnknownRefs { Error, Warning };

// Refs of items and of the fallback, at "items[i].ref" / "fallback.ref": ids that are not in the
// publish (or that the sync skipped), by resolves() (sync/content.h), the very test the scheduler
// skips items by; and notices no longer valid at now_s (warnings). Call it on a usable parse only
// (then playlist.items are the file's enabled items in order; Playlist::itemPath names their place
// in the file).
std::vector<Problem> checkPlaylistRefs(const Playlist& playlist, const Content& content, std::int64_t now_s,
                                       int utc_offset_s, UnknownRefs unknown = UnknownRefs::Error);

// parsePlaylist, then (when that found no error) checkPlaylistSchedules and checkPlaylistRefs.
PlaylistResult checkPlaylistText(std::string_view text, std::string_view file_label, const Content& content,
                                 std::int64_t now_s, int utc_offset_s, UnknownRefs unknown = UnknownRefs::Error);

// What is wrong with the playlists a screen of `group` plays, for `status` and the heartbeat: the
// published one (refs the publish dropped are warnings: the screen skips them) and the local file
// staff put at `local_path`, if any. One "FILE: path: message" line per problem, errors first; an
// absent playlist is a problem only when neither exists (the screen then shows the site name and clock).
std::vector<std::string> playlistProblems(const Content& content, const std::string& group,
                                          const std::filesystem::path& local_path, std::int64_t now_s,
                                          int utc_offset_s);

// "items[1].schedule.times[0]: "8:30-12" is not HH:MM-HH:MM (and 2 more problems)": the first
// error (else the first warning) for a one-line log entry or a small staff note.
std::string firstProblemSummary(const std::vector<Problem>& problems);

} // namespace gk
