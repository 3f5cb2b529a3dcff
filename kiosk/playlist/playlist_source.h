// Hot reload of a screen group's local playlist: the file staff edit (or the staff panel writes
// atomically) at <playlist_dir>/<group>.json, which overrides the publish's playlist for that
// group. The display loop polls it about once a second. Owned by kiosk/; logic and file reads
// only — no SDL, ImGui or GL — so it is tested with real files and no window.
//
// Each poll reads the file (never more than 1 MiB + 1 byte) and compares a hash of its bytes, so
// two edits within one second, or within the file system's timestamp granularity, are both seen.
//  - a new usable file           → Loaded:   playlist() is it; bad entries in it (an item naming
//                                            something not in the publish, a bad time, …) are
//                                            skipped and logged, the rest plays;
//  - a file that cannot be read as a playlist (not JSON, no items, over 1 MiB)
//                                → Rejected: playlist() stays the last good one (or none), note()
//                                            says why in one short line for the staff corner;
//  - the file removed            → Removed:  playlist() is none: back to the publish's playlist.
// The same rule as for the publish's playlist and `playlist check` (readScreenPlaylist,
// playlist_validation.h). A new publish (another content generation) makes the next poll check the
// same bytes again: the log then says which items it skips now.
#pragma once

#include "config/playlist.h"
#include "sync/content.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace gk {

// <playlist_dir>/<group>.json; an empty playlist_dir means <data_dir>/playlists.
std::filesystem::path localPlaylistPath(const std::filesystem::path& data_dir, const std::string& playlist_dir,
                                        const std::string& group);

enum class LocalPlaylistChange { None, Loaded, Rejected, Removed };

class PlaylistSource {
public:
    PlaylistSource(std::filesystem::path file, int utc_offset_s);

    // Looks at the file; content is the publish on screen (for the ref checks), now_s the time
    // (for expiry warnings).
    LocalPlaylistChange poll(const Content& content, std::int64_t now_s);

    const std::optional<Playlist>& playlist() const { return m_good; } // the last good local playlist
    const std::string& note() const { return m_note; }                 // "" when nothing is wrong
    // One line for the log about what the last poll found, e.g. "playlist /…/hall-main.json: in use,
    // 3 items; 1 item is skipped (items[1]); the other 2 play; first: items[1].duration_s: must be …",
    // or "playlist /…/hall-main.json: line 3, column 1: syntax error: …; keeping the last good playlist".
    std::string logLine(LocalPlaylistChange change) const;
    const std::filesystem::path& path() const { return m_path; }

private:
    LocalPlaylistChange reject(std::string problem);

    std::filesystem::path m_path;
    int m_utc_offset_s;
    bool m_present = false;        // the file existed at the last poll
    std::uint64_t m_hash = 0;      // of the last bytes (or read error) seen
    std::uint64_t m_good_hash = 0; // of the bytes m_good came from
    std::string m_generation;      // of the content the last check used
    std::optional<Playlist> m_good;
    std::string m_note;
    std::string m_problem; // the last rejection, or the first warning of the file in use
    std::string m_skipped; // skippedSummary of the file in use
    int m_warnings = 0;
};

} // namespace gk
