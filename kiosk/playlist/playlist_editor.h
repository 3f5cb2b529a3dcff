// What the staff panel changes in a screen group's playlist: enable or disable an item, move it up
// or down, change its duration. Edits go to the local playlist file (kiosk/playlist/playlist_source.h
// localPlaylistPath), which the running screen picks up within a second; the first edit, when
// there is no local file yet, starts from the publish's playlist for the group.
//
// Every edit is checked exactly as the screen checks a playlist (kiosk/playlist/playlist_validation.h
// checkPlaylistText): one the screen would refuse is not written; one with items the screen skips
// is written and its message says which (the rest plays). Disabling the last enabled item is refused
// (the screen would show nothing of the playlist). It is written atomically (temp file in
// the same directory, fsync, rename, fsync the directory) and recorded in the audit log
// (RecordSink::recordAudit, actor "staff-panel"). A disabled item stays in the file with
// "enabled": false (config/playlist.h) and is never scheduled.
//
// Owned by kiosk/; logic and file I/O only, no drawing: the panel UI calls this. Must not include
// SDL, ImGui, GL, curl or SQLite.
#pragma once

#include "kiosk/core/record_sink.h"
#include "sync/content.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

inline constexpr std::string_view kStaffActor = "staff-panel";

// What a staff action did. ok && !changed: nothing to do (e.g. already enabled), nothing written.
struct StaffEdit {
    bool ok = false;
    bool changed = false;
    std::string message; // what was done, or why not, in one sentence in the staff's language (i18n.h)
};

// Records the audit row for a change that was made; a failure is added to edit.message (the change
// stands: the file is already written).
void auditStaffEdit(RecordSink* records, std::int64_t now_s, std::string_view action, const std::string& detail,
                    StaffEdit& edit);

// One item as the panel lists it, in file order (disabled items included).
struct EditableItem {
    std::size_t position = 0;  // in the file's "items"
    std::string ref;           // "notice:n-2026-031", "image:<href>", "video:<href>", "text"
    std::string title;         // the notice's, guide's or disclosure's title, the image or video name, the text title
    int duration_s = 0;        // what it runs for
    bool own_duration = false; // duration_s is the item's own, not the playlist's default
    bool enabled = true;
};

struct EditablePlaylist {
    bool local = false; // false: the publish's playlist (no local file yet)
    int default_duration_s = 15;
    std::vector<EditableItem> items;
};

class PlaylistEditor {
public:
    // content: the publish on screen; the caller keeps it alive. records may be null (then edits are
    // made but not audited, and the result says so).
    PlaylistEditor(std::filesystem::path file, std::string screen_group, const Content& content, RecordSink* records,
                   int utc_offset_s);

    // The playlist the panel shows: the local file's, else the publish's. false + error when there
    // is neither, or the local file cannot be read or parsed.
    bool load(EditablePlaylist& out, std::string& error) const;

    StaffEdit setEnabled(std::size_t position, bool enabled, std::int64_t now_s);
    // steps: -1 one place up (earlier), +1 one place down; the item must stay in the list.
    StaffEdit move(std::size_t position, int steps, std::int64_t now_s);
    // Clamped to what the playlist format allows (1 s … 24 h); the message says when it was.
    StaffEdit setDuration(std::size_t position, int seconds, std::int64_t now_s);

    const std::filesystem::path& file() const { return m_file; }

private:
    struct Base;
    bool readBase(Base& base, std::string& error) const;
    StaffEdit write(Base& base, std::string_view action, std::string detail, std::int64_t now_s);

    std::filesystem::path m_file;
    std::string m_group;
    const Content& m_content;
    RecordSink* m_records;
    int m_utc_offset_s;
};

} // namespace gk
